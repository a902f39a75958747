package io.tsconnect.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * A real KRaft broker and a real distributed Connect cluster in this JVM, whose workers load our connectors from
 * their <em>packaged</em> plugin directories with {@code plugin.discovery=service_load}: every integration test
 * also proves that the packaged plugin loads in its own class loader.
 *
 * <p>Start one per test class ({@code @BeforeAll}) and close it in {@code @AfterAll}.
 */
public final class ConnectHarness implements AutoCloseable {
    /** How long connector and task state changes are awaited. */
    public static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final EmbeddedConnectCluster connect;
    private final Map<String, String> workerProps;
    private final List<ProcessWorker> processWorkers = new ArrayList<>();

    private ConnectHarness(EmbeddedConnectCluster connect, Map<String, String> workerProps) {
        this.connect = connect;
        this.workerProps = Map.copyOf(workerProps);
    }

    /** The worker properties every worker of this cluster shares (bootstrap servers and REST listener aside). */
    public Map<String, String> workerProps() {
        return workerProps;
    }

    /**
     * Starts one more worker of this cluster in a JVM of its own, so a test can kill it abruptly
     * ({@link ProcessWorker#kill()}, SIGKILL) the way a crashed machine dies; closed with the harness.
     */
    public ProcessWorker startProcessWorker() {
        ProcessWorker worker = ProcessWorker.start(this);
        processWorkers.add(worker);
        return worker;
    }

    /**
     * {@link #startProcessWorker()} with {@code env} added to the worker's environment, for connectors whose
     * configs reference {@code ${env:NAME}} (the harness configures the EnvVarConfigProvider as {@code env}).
     */
    public ProcessWorker startProcessWorker(Map<String, String> env) {
        ProcessWorker worker = ProcessWorker.start(this, env);
        processWorkers.add(worker);
        return worker;
    }

    /** A builder for a harness. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Connect cluster, for everything this class does not wrap (REST calls, adding and removing workers). */
    public EmbeddedConnectCluster connect() {
        return connect;
    }

    /** The Kafka cluster. */
    public EmbeddedKafkaCluster kafka() {
        return connect.kafka();
    }

    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }

    /** Creates or replaces connector {@code name} and waits until it and at least {@code tasks} tasks run. */
    public void startConnector(String name, Map<String, String> config, int tasks) {
        configure(name, config);
        awaitRunning(name, tasks);
    }

    /**
     * Creates or replaces connector {@code name}, again while the worker answers that its group is rebalancing or
     * that the leader it forwards to cannot be reached (a worker that just joined may still know the one that
     * left as leader); other errors, such as a config the connector rejects, are thrown at once.
     */
    private void configure(String name, Map<String, String> config) {
        long deadline = System.nanoTime() + STATE_TIMEOUT.toNanos();
        while (true) {
            try {
                connect.configureConnector(name, config);
                return;
            } catch (ConnectRestException e) {
                if (!transientRestFailure(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean transientRestFailure(ConnectRestException e) {
        return e.statusCode() == 409 || e.getMessage() != null && e.getMessage().contains("forward");
    }

    /** Posts a file of {@code connector-configs/} with {@code overrides} applied and waits until it runs. */
    public ConnectorConfigs startConnectorFile(String fileName, Map<String, String> overrides, int tasks) {
        ConnectorConfigs file = ConnectorConfigs.load(fileName).with(overrides);
        startConnector(file.name(), file.config(), tasks);
        return file;
    }

    /** Waits until connector {@code name} and at least {@code tasks} of its tasks are RUNNING. */
    public void awaitRunning(String name, int tasks) {
        Await.until("connector " + name + " and " + tasks + " task(s) RUNNING", STATE_TIMEOUT,
            () -> runningTasks(name) >= tasks, () -> describe(name));
    }

    /** Waits until a task of connector {@code name} has FAILED and returns its trace. */
    public String awaitTaskFailure(String name) {
        Await.until("a task of " + name + " to fail", STATE_TIMEOUT,
            () -> connect.connectorStatus(name).tasks().stream().anyMatch(t -> "FAILED".equals(t.state())),
            () -> describe(name));
        return connect.connectorStatus(name).tasks().stream().filter(t -> "FAILED".equals(t.state()))
            .map(ConnectorStateInfo.TaskState::trace).findFirst().orElse("");
    }

    /** How many tasks of {@code name} are RUNNING while the connector itself runs. */
    public int runningTasks(String name) {
        ConnectorStateInfo status = connect.connectorStatus(name);
        if (!"RUNNING".equals(status.connector().state())) {
            return 0;
        }
        return (int) status.tasks().stream().filter(t -> "RUNNING".equals(t.state())).count();
    }

    /** The connector's state and its tasks' states and traces, for failure messages. */
    public String describe(String name) {
        try {
            ConnectorStateInfo status = connect.connectorStatus(name);
            return "connector " + status.connector().state() + " " + nullToEmpty(status.connector().trace())
                + "; tasks " + status.tasks().stream().map(t -> t.id() + ":" + t.state()
                + (t.trace() == null ? "" : " " + t.trace())).collect(Collectors.joining(", "));
        } catch (RuntimeException e) {
            return "status unavailable: " + e.getMessage();
        }
    }

    /** Validates {@code config} against plugin {@code connectorClass} and returns the error messages by key. */
    public Map<String, List<String>> validationErrors(String connectorClass, Map<String, String> config) {
        ConfigInfos infos = connect.validateConnectorConfig(simpleName(connectorClass), config);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        infos.configs().forEach(info -> {
            if (!info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
            }
        });
        return errors;
    }

    /**
     * GETs a REST resource of the first worker, e.g. {@code connector-plugins} or {@code connectors/x/config}.
     *
     * @return the response body
     * @throws AssertionError when the status is not 2xx
     */
    public String restGet(String resource) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(connect.endpointForResource(resource))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("GET " + resource + " answered " + response.statusCode() + ": "
                    + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + resource, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Produces one string record. */
    public void produce(String topic, String key, String value) {
        kafka().produce(topic, key, value);
    }

    /**
     * The offset the sink connector {@code connector} has committed for partition 0 of {@code topic} (its consumer
     * group is Connect's default {@code connect-<name>}), or -1 when none.
     */
    public long committedOffset(String connector, String topic) {
        try (Admin admin = kafka().createAdminClient()) {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets("connect-" + connector).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return o == null ? -1 : o.offset();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the committed offsets of " + connector, e);
        }
    }

    /** Consumes at least {@code n} records of {@code topic} from the beginning, as strings, within {@code timeout}. */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int n, Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = kafka().consume(n, timeout.toMillis(), topic);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        records.forEach(out::add);
        return out;
    }

    /** The value of a consumed record as UTF-8 text. */
    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        processWorkers.forEach(ProcessWorker::close);
        connect.stop();
    }

    private static String simpleName(String connectorClass) {
        return connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Builds a {@link ConnectHarness}. */
    public static final class Builder {
        private final List<Path> pluginPaths = new ArrayList<>();
        private final Map<String, String> workerProps = new HashMap<>();
        private final Properties brokerProps = new Properties();
        private int workers = 1;
        private int brokers = 1;
        private String name = "tsconnect-it";

        Builder() {
            // Like most development brokers: topics a source writes to appear on first use.
            brokerProps.put("auto.create.topics.enable", "true");
            brokerProps.put("num.partitions", "1");
            // One broker: exactly-once workers (transactions) cannot start with the default replication of 3.
            brokerProps.put("transaction.state.log.replication.factor", "1");
            brokerProps.put("transaction.state.log.min.isr", "1");
        }

        /** Loads the packaged plugin of each connector module, e.g. {@code "mqtt-source-connector"}. */
        public Builder plugins(String... modules) {
            for (String module : modules) {
                pluginPaths.add(ProjectPaths.pluginPath(module));
            }
            return this;
        }

        /** Adds a directory to the workers' plugin.path (for archives unpacked by a test). */
        public Builder pluginPath(Path dir) {
            pluginPaths.add(dir);
            return this;
        }

        public Builder workers(int count) {
            this.workers = count;
            return this;
        }

        public Builder brokers(int count) {
            this.brokers = count;
            return this;
        }

        public Builder name(String clusterName) {
            this.name = clusterName;
            return this;
        }

        /** Sets a worker property (e.g. converters, exactly-once support). */
        public Builder workerProp(String key, String value) {
            workerProps.put(key, value);
            return this;
        }

        /** Sets a broker property. */
        public Builder brokerProp(String key, String value) {
            brokerProps.put(key, value);
            return this;
        }

        /** Starts Kafka and the workers and waits until every worker is up. */
        public ConnectHarness start() {
            if (pluginPaths.isEmpty()) {
                throw new IllegalStateException("No plugins: call plugins(\"<connector module>\")");
            }
            Map<String, String> props = new HashMap<>();
            props.put("plugin.path", pluginPaths.stream().map(Path::toString).collect(Collectors.joining(",")));
            props.put("plugin.discovery", "service_load");
            props.put("offset.flush.interval.ms", "1000");
            // A lost worker's tasks move after 5 s instead of the default 5 minutes.
            props.put("scheduled.rebalance.max.delay.ms", "5000");
            props.put("config.providers", "env,file");
            props.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
            props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
            // Named here rather than left to EmbeddedConnectCluster, so workers in other JVMs can join the group.
            props.put("group.id", "tsconnect-" + name);
            props.put("offset.storage.topic", "tsconnect-" + name + "-offsets");
            props.put("config.storage.topic", "tsconnect-" + name + "-configs");
            props.put("status.storage.topic", "tsconnect-" + name + "-status");
            props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
            props.putAll(workerProps);
            EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder().name(name).numWorkers(workers)
                .numBrokers(brokers).workerProps(props).brokerProps(brokerProps).build();
            cluster.start();
            try {
                cluster.assertions().assertAtLeastNumWorkersAreUp(workers, "Connect workers did not start");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cluster.stop();
                throw new IllegalStateException("Interrupted while starting Connect", e);
            }
            return new ConnectHarness(cluster, props);
        }
    }
}
