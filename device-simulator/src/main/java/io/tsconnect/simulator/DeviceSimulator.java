package io.tsconnect.simulator;

/**
 * The command line: {@code java -jar tsconnect-device-simulator.jar --broker tcp://localhost:1883 --rate 100}.
 * Prints progress every 5 seconds; Ctrl-C stops it.
 */
public final class DeviceSimulator {
    private DeviceSimulator() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            System.out.println(SimulatorOptions.USAGE);
            return;
        }
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args, System.getenv("MQTT_PASSWORD"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(SimulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        Simulation simulation = Simulation.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulation::close));
        System.out.printf("Publishing %s for %d locations x %d devices to %s at %s msg/s (QoS %d)%n",
            options.shape().name().toLowerCase(java.util.Locale.ROOT), options.locations(), options.devices(),
            options.broker(), options.rate() == 0 ? "max" : options.rate(), options.qos());
        while (simulation.isRunning()) {
            simulation.await(5_000);
            System.out.printf("published %d, failed %d%n", simulation.published(), simulation.failed());
        }
    }
}
