package io.tsconnect.faults.sources;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import io.tsconnect.faults.Teardown;
import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;

/**
 * Bad input for the MQTT source: malformed JSON, wrong and mixed types, nulls, 1 and 5 MB payloads, odd unicode
 * (emoji, RTL, NUL, invalid UTF-8, a lone surrogate) and MQTT topics that make no legal Kafka topic through the
 * topic template. Each message must either arrive intact in its (sanitised) Kafka topic or land in the parse-errors
 * topic with its MQTT topic as key, its payload and an error header; good messages around them all arrive and the
 * task keeps running. Without error tolerance, a bad message fails the task with an error naming its MQTT topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttSourceBadInputIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERRORS = "bad-parse-errors";
    private static final int MB = 1024 * 1024;

    private MosquittoBroker mosquitto;
    private ConnectHarness harness;
    private Mqtt5AsyncClient publisher;

    /** What must become of a message. */
    private record Case(String mqttTopic, byte[] payload, String kafkaTopic) {
        boolean diverted() {
            return kafkaTopic == null;
        }
    }

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(MosquittoBroker.available(), "mosquitto is not installed");
        mosquitto = MosquittoBroker.builder().start();
        harness = ConnectHarness.builder().name("mqtt-bad-input").plugins("mqtt-source-connector").workers(1)
            // 5 MB payloads are a Kafka setting away: the broker accepts them, connectors raise their producer limit.
            .brokerProp("message.max.bytes", Integer.toString(8 * MB))
            .start();
        URI uri = URI.create(mosquitto.uri());
        publisher = MqttClient.builder().useMqttVersion5().identifier("bad-pub-" + UUID.randomUUID())
            .serverHost(uri.getHost()).serverPort(uri.getPort()).buildAsync();
        publisher.connectWith().cleanStart(true).send().orTimeout(30, TimeUnit.SECONDS).join();
    }

    @AfterAll
    void stop() throws Exception {
        if (publisher != null) {
            publisher.disconnect().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        Teardown.closeAll(harness, mosquitto);
    }

    @Test
    void everyBadMessageArrivesOrIsDivertedAndGoodOnesAroundThemAllArrive() throws Exception {
        Map<String, String> c = config("bad-input", "bad/#,odd/#");
        c.put("kafka.topic", "bad-${2}");
        // A template that is nothing but one topic level: empty, "." and ".." levels make no Kafka topic.
        c.put("kafka.topic.routes", "odd/+/x=${2}");
        c.put("value.format", "json");
        c.put("errors.tolerance", "all");
        c.put("errors.log.enable", "true");
        c.put("value.parse.errors.topic", ERRORS);
        c.put("producer.override.max.request.size", Integer.toString(8 * MB));
        harness.startConnector("bad-input", c, 1);

        List<Case> cases = cases();
        List<String> good = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            publish(cases.get(i).mqttTopic(), cases.get(i).payload());
            String goodTopic = "bad/ok/good-" + i;
            publish(goodTopic, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            good.add(goodTopic);
        }

        Map<String, List<String>> byKafkaTopic = new LinkedHashMap<>();
        byKafkaTopic.computeIfAbsent("bad-ok", t -> new ArrayList<>()).addAll(good);
        for (Case k : cases) {
            byKafkaTopic.computeIfAbsent(k.diverted() ? ERRORS : k.kafkaTopic(), t -> new ArrayList<>())
                .add(k.mqttTopic());
        }
        Map<String, DeliveryLedger> ledgers = new HashMap<>();
        try {
            for (Map.Entry<String, List<String>> e : byKafkaTopic.entrySet()) {
                DeliveryLedger ledger = DeliveryLedger.byKey(harness, e.getKey());
                ledgers.put(e.getKey(), ledger);
                ledger.awaitAll(e.getValue(), TIMEOUT, () -> harness.describe("bad-input"));
            }
            assertEquals(1, harness.runningTasks("bad-input"), harness.describe("bad-input"));
            for (Case k : cases) {
                check(k, ledgers.get(k.diverted() ? ERRORS : k.kafkaTopic()).last(k.mqttTopic()));
            }
            // Nothing went to two places, nothing arrived that was not published.
            assertEquals(java.util.Set.copyOf(byKafkaTopic.get(ERRORS)), ledgers.get(ERRORS).poll().identities());
            assertEquals(java.util.Set.copyOf(byKafkaTopic.get("bad-ok")), ledgers.get("bad-ok").poll().identities());
            System.out.printf("FAULTS mqtt bad input: %d bad messages, %d arrived as records, %d in %s; %d good "
                + "messages around them all arrived%n", cases.size(), cases.stream().filter(k -> !k.diverted())
                .count(), cases.stream().filter(Case::diverted).count(), ERRORS, good.size());
        } finally {
            ledgers.values().forEach(DeliveryLedger::close);
            harness.connect().deleteConnector("bad-input");
        }
    }

    @Test
    void withoutToleranceAMalformedMessageFailsTheTaskNamingItsTopic() throws Exception {
        Map<String, String> c = config("strict", "strict/#");
        c.put("kafka.topic", "strict");
        c.put("value.format", "json");
        harness.startConnector("strict", c, 1);
        publish("strict/ok", "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        publish("strict/broken-42", "{\"v\":".getBytes(StandardCharsets.UTF_8));
        String trace = harness.awaitTaskFailure("strict");
        assertTrue(trace.contains("strict/broken-42") && trace.contains("not valid JSON"), trace);
        try (DeliveryLedger ledger = DeliveryLedger.byKey(harness, "strict")) {
            ledger.awaitAll(List.of("strict/ok"), TIMEOUT, () -> harness.describe("strict"));
        }
        harness.connect().deleteConnector("strict");
    }

    @Test
    void aPayloadOverTheProducerLimitFailsTheTaskWithoutTolerance() throws Exception {
        Map<String, String> c = config("too-big", "too-big/#");
        c.put("kafka.topic", "too-big");
        c.put("value.format", "bytes");
        harness.startConnector("too-big", c, 1);
        publish("too-big/ok", "small".getBytes(StandardCharsets.UTF_8));
        publish("too-big/huge", new byte[2 * MB]);
        String trace = harness.awaitTaskFailure("too-big");
        System.out.println("FAULTS mqtt bad input: 2 MB payload over max.request.size without tolerance: "
            + trace.lines().filter(l -> l.contains("Exception")).limit(3).toList());
        assertTrue(trace.contains("RecordTooLargeException") || trace.contains("max.request.size"), trace);
        harness.connect().deleteConnector("too-big");
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // malformed JSON: diverted with the payload kept
        cases.add(diverted("bad/ok/malformed", utf8("{\"id\":1,\"v\":")));
        cases.add(diverted("bad/ok/trailing-garbage", utf8("{\"id\":1} xyz")));
        cases.add(diverted("bad/ok/not-json", utf8("temperature=21.5")));
        cases.add(diverted("bad/ok/invalid-utf8", new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}));
        cases.add(diverted("bad/ok/raw-nul", new byte[] {'{', '"', 's', '"', ':', '"', 'a', 0, 'b', '"', '}'}));
        cases.add(diverted("bad/ok/deep-nesting", utf8("[".repeat(5000) + "]".repeat(5000))));
        // valid JSON of odd shapes, types and text: arrives
        cases.add(arrives("bad/ok/escaped-nul", utf8("{\"s\":\"a\\u0000b\"}"), "bad-ok"));
        cases.add(arrives("bad/ok/emoji-rtl", utf8("{\"\uD83D\uDE00\":\"\uD83C\uDF89 \u05E9\u05DC\u05D5\u05DD "
            + "\u0639\u0631\u0628\u064A\u200F\",\"zwj\":\"\uD83D\uDC69\u200D\uD83D\uDCBB\"}"), "bad-ok"));
        cases.add(arrives("bad/ok/lone-surrogate", utf8("{\"s\":\"\\ud800x\"}"), "bad-ok"));
        cases.add(arrives("bad/ok/scalar", utf8("42"), "bad-ok"));
        cases.add(arrives("bad/ok/json-null", utf8("null"), "bad-ok"));
        cases.add(arrives("bad/ok/empty-payload", new byte[0], "bad-ok"));
        cases.add(arrives("bad/ok/nested-nulls", utf8("{\"a\":null,\"b\":{\"c\":null},\"d\":[null,null]}"), "bad-ok"));
        cases.add(arrives("bad/ok/mixed-array", utf8("{\"v\":[1,2.5,\"x\",null,{\"a\":1},[true]]}"), "bad-ok"));
        cases.add(arrives("bad/ok/type-int", utf8("{\"v\":1}"), "bad-ok"));
        cases.add(arrives("bad/ok/type-string", utf8("{\"v\":\"one\"}"), "bad-ok"));
        cases.add(arrives("bad/ok/type-struct", utf8("{\"v\":{\"x\":1}}"), "bad-ok"));
        cases.add(arrives("bad/ok/infinite-float", utf8("{\"v\":1e400}"), "bad-ok"));
        // an integer beyond int64 is refused by the parser (InputCoercionException), so it is diverted, not cut
        cases.add(diverted("bad/ok/integer-beyond-int64", utf8("{\"w\":123456789012345678901234567890}")));
        cases.add(arrives("bad/ok/duplicate-keys", utf8("{\"a\":1,\"a\":\"x\"}"), "bad-ok"));
        cases.add(arrives("bad/ok/dotted-names", utf8("{\"a.b\":2,\"a\":{\"b\":3}}"), "bad-ok"));
        // valid JSON no Connect schema can describe (value.format=json infers a Struct)
        cases.add(diverted("bad/ok/empty-field-name", utf8("{\"ok\":1,\"nested\":{\"\":2}}")));
        cases.add(arrives("bad/ok/huge-1mb", hugeJson(MB), "bad-ok"));
        cases.add(arrives("bad/ok/huge-5mb", hugeJson(5 * MB), "bad-ok"));
        // MQTT topics whose level makes an illegal Kafka topic name: sanitised, or diverted when nothing is left
        cases.add(arrives("bad/sp ace:\u00FC\uD83D\uDE00/x", utf8("{}"), "bad-sp_ace____"));
        cases.add(arrives("bad/\u05E9\u05DC\u05D5\u05DD/x", utf8("{}"), "bad-____"));
        cases.add(arrives("bad/" + "L".repeat(300) + "/x", utf8("{}"), "bad-" + "L".repeat(245)));
        cases.add(arrives("bad//x", utf8("{}"), "bad-"));
        cases.add(diverted("bad", utf8("{}")));
        cases.add(diverted("odd/../x", utf8("{}")));
        cases.add(diverted("odd/./x", utf8("{}")));
        cases.add(diverted("odd//x", utf8("{}")));
        return cases;
    }

    private void check(Case k, ConsumerRecord<byte[], byte[]> record) throws Exception {
        assertNotNull(record, k.mqttTopic());
        if (k.diverted()) {
            Header error = record.headers().lastHeader("mqtt.error");
            assertNotNull(error, "no mqtt.error header on the diverted " + k.mqttTopic());
            String reason = new String(error.value(), StandardCharsets.UTF_8);
            // Payload errors name the MQTT topic; routing errors name the template or the rendered name.
            assertTrue(k.mqttTopic().startsWith("bad/ok/") ? reason.contains(k.mqttTopic())
                : reason.contains("template") || reason.contains("Kafka topic"), k.mqttTopic() + ": " + reason);
            // The errors topic keeps the payload (bytes; base64 text through the JSON converter).
            assertArrayEquals(k.payload(), Base64.getDecoder().decode(JSON.readTree(record.value()).textValue()),
                k.mqttTopic());
            return;
        }
        if (k.payload().length == 0 || k.mqttTopic().endsWith("json-null")) {
            assertTrue(record.value() == null || "null".equals(DeliveryLedger.text(record.value())), k.mqttTopic());
            return;
        }
        JsonNode sent = JSON.readTree(k.payload());
        JsonNode got = JSON.readTree(record.value());
        if (k.mqttTopic().endsWith("infinite-float") || k.mqttTopic().endsWith("mixed-array")
            || k.mqttTopic().endsWith("lone-surrogate")) {
            assertTrue(got.isObject(), k.mqttTopic() + ": " + got);
        } else {
            assertEquals(sent, got, k.mqttTopic());
        }
    }

    private Map<String, String> config(String name, String filters) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.tsconnect.mqtt.MqttSourceConnector");
        c.put("tasks.max", "1");
        c.put("mqtt.server.uris", mosquitto.uri());
        c.put("mqtt.client.id.prefix", name);
        c.put("mqtt.topic.filters", filters);
        c.put("mqtt.qos", "1");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        return c;
    }

    private void publish(String topic, byte[] payload) {
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
            .orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static Case diverted(String mqttTopic, byte[] payload) {
        return new Case(mqttTopic, payload, null);
    }

    private static Case arrives(String mqttTopic, byte[] payload, String kafkaTopic) {
        return new Case(mqttTopic, payload, kafkaTopic);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hugeJson(int bytes) {
        return utf8("{\"id\":\"huge\",\"blob\":\"" + "x".repeat(bytes - 30) + "\",\"end\":true}");
    }
}
