package io.tsconnect.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.hivemq.embedded.EmbeddedHiveMQ;

/**
 * HiveMQ Community Edition in this JVM, anonymous, on loopback, with a queue large enough that a lagging persistent
 * session never loses QoS 1 messages (HiveMQ's default of 1000 with discard would).
 */
final class EmbeddedMqttBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    static EmbeddedMqttBroker start(Path dir, int port) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.xml"), """
            <?xml version="1.0"?>
            <hivemq>
              <listeners>
                <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
              </listeners>
              <mqtt>
                <queued-messages><max-queue-size>1000000</max-queue-size><strategy>discard</strategy></queued-messages>
              </mqtt>
              <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
            </hivemq>
            """.formatted(port));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
            .withDataFolder(Files.createDirectories(dir.resolve("data")))
            .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
            .withoutLoggingBootstrap().build();
        hivemq.start().get(60, TimeUnit.SECONDS);
        return new EmbeddedMqttBroker(hivemq, port);
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Stopping is best effort at exit; the data folder keeps the persistent sessions either way.
        } finally {
            hivemq.close();
        }
    }
}
