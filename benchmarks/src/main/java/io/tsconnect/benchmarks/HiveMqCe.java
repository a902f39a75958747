package io.tsconnect.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.hivemq.embedded.EmbeddedHiveMQ;

/**
 * HiveMQ Community Edition in this JVM, anonymous, on a free loopback port, with a queue of a million messages per
 * client (the default 1000 with discard would drop QoS 1 messages of a subscriber that falls behind) and a server
 * receive maximum of 1000 instead of 10, so that the benchmark's single QoS 1 publisher is not what limits the rate.
 */
public final class HiveMqCe implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final EmbeddedHiveMQ hivemq;

    private HiveMqCe(Path dir, int port, EmbeddedHiveMQ hivemq) {
        this.dir = dir;
        this.port = port;
        this.hivemq = hivemq;
    }

    /** Starts a broker in a new temporary directory. */
    public static HiveMqCe start() throws Exception {
        Path dir = Files.createTempDirectory("bench-hivemq-");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        int port = freePort();
        Files.writeString(conf.resolve("config.xml"), """
            <?xml version="1.0"?>
            <hivemq>
              <listeners>
                <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
              </listeners>
              <mqtt>
                <queued-messages><max-queue-size>1000000</max-queue-size><strategy>discard</strategy></queued-messages>
                <receive-maximum><server-receive-maximum>1000</server-receive-maximum></receive-maximum>
              </mqtt>
              <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
            </hivemq>
            """.formatted(port));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
            .withDataFolder(Files.createDirectories(dir.resolve("data")))
            .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
            .withoutLoggingBootstrap().build();
        hivemq.start().get(60, TimeUnit.SECONDS);
        return new HiveMqCe(dir, port, hivemq);
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
        } finally {
            hivemq.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
