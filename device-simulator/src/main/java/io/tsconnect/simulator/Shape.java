package io.tsconnect.simulator;

/** The payload shapes the simulator can publish. */
public enum Shape {
    /**
     * One message per metric: topic {@code devices/<location>/<device>/<metric>}, payload
     * {@code {"metric":"temp","location":"3","device":"2","value":20.4,"timestamp":<epoch ms>}}.
     */
    READINGS,
    /**
     * One message per sensor with every measurement as a field: topic {@code sensors/<sensor_id>}, payload
     * {@code {"sensor_id":"room_101","temperature":25.3,"pressure":1012.8,"timestamp":<epoch s>}}.
     */
    SENSOR
}
