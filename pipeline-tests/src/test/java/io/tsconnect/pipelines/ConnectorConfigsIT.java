package io.tsconnect.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.ProjectPaths;
import io.tsconnect.testsupport.github.GithubReplayServer;
import io.tsconnect.testsupport.mqtt.MosquittoBroker;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;
import io.tsconnect.testsupport.redis.RedisTimeSeriesStandIn;

/**
 * Every file of {@code connector-configs/} (and of its {@code alternatives/}) validates without errors on a worker
 * that loads the five packaged plugins
 * ({@code PUT /connector-plugins/<class>/config/validate}). Only the addresses of the compose services are replaced by
 * live local ones, since validation checks that brokers answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorConfigsIT {
    private MosquittoBroker mqtt;
    private EmbeddedQuestDb questdb;
    private RedisTimeSeriesStandIn redis;
    private GithubReplayServer github;
    private ConnectHarness harness;

    @BeforeAll
    void start() {
        mqtt = MosquittoBroker.builder().start();
        questdb = EmbeddedQuestDb.start();
        redis = RedisTimeSeriesStandIn.standalone().start();
        github = GithubReplayServer.start();
        harness = ConnectHarness.builder().plugins("mqtt-source-connector", "mqtt-sink-connector",
            "github-events-source-connector", "redis-timeseries-sink-connector", "questdb-sink-connector").start();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {harness, github, redis, questdb, mqtt}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyConnectorFileValidatesOnAWorker() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(ProjectPaths.root().resolve("connector-configs"))) {
            files = all.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(file -> DynamicTest.dynamicTest(
            ProjectPaths.root().resolve("connector-configs").relativize(file).toString(), () -> {
            ConnectorConfigs file0 = ConnectorConfigs.load(file);
            Map<String, String> overrides = localAddresses();
            overrides.put("name", file0.name());
            ConnectorConfigs connector = file0.with(overrides);
            Map<String, List<String>> errors = harness.validationErrors(connector.config().get("connector.class"),
                connector.config());
            assertEquals(Map.of(), errors, file.getFileName() + " has validation errors");
        }));
    }

    private Map<String, String> localAddresses() {
        Map<String, String> local = new HashMap<>();
        local.put("mqtt.server.uris", mqtt.uri());
        local.put("redis.hosts", redis.hostPort());
        local.put("client.conf.string", questdb.ilpHttpConf());
        local.put("github.api.url", github.baseUrl());
        return local;
    }
}
