package io.tsconnect.redis.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces many string records at once (the harness produces one at a time). */
final class Produce {
    private Produce() {
    }

    static void all(String bootstrap, String topic, List<String> values) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
            new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, null, value));
            }
            producer.flush();
        }
    }

    /** A reading in the shape of the sample config's topic. */
    static String reading(String metric, String location, String device, Object value, long timestamp) {
        return "{\"metric\":\"" + metric + "\",\"location\":\"" + location + "\",\"device\":\"" + device
            + "\",\"value\":" + value + ",\"timestamp\":" + timestamp + "}";
    }

    static void sync(java.util.concurrent.Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
