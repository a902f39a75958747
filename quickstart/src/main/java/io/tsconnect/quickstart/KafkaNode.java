package io.tsconnect.quickstart;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * One KRaft node (broker and controller in this JVM, what {@code kafka-server-start.sh} runs with
 * {@code process.roles=broker,controller}) whose log directory outlives it: topics, consumer offsets and Connect's
 * internal topics are still there when the quickstart starts again on the same data directory. The storage is
 * formatted on first use only, as {@code kafka-storage.sh format} does.
 */
final class KafkaNode implements AutoCloseable {
    private static final int NODE_ID = 1;
    private final KafkaRaftServer server;
    private final int port;

    private KafkaNode(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the node on {@code logDir} with its client listener on {@code port} and its controller listener on
     * {@code controllerPort}; either may differ from the last run's (the quorum is static, from this config).
     */
    static KafkaNode start(Path logDir, int port, int controllerPort) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "true");
        KafkaConfig config = new KafkaConfig(props, false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config, logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        KafkaNode node = new KafkaNode(server, port);
        try {
            node.awaitReady(Duration.ofSeconds(60));
        } catch (Exception e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** {@code kafka-storage.sh format} for this node, printing nothing (the tool prints to the console). */
    private static void format(KafkaConfig config, Path logDir) throws Exception {
        Files.createDirectories(logDir);
        new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
            .setNodeId(NODE_ID)
            .setClusterId(Uuid.randomUuid().toString())
            .setControllerListenerName("CONTROLLER")
            .setMetadataLogDirectory(logDir.toString())
            .addDirectory(logDir.toString())
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .run();
    }

    private void awaitReady(Duration timeout) throws Exception {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** An admin client of this node (the caller closes it). */
    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000",
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"));
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
