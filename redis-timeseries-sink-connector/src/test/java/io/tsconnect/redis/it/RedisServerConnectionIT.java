package io.tsconnect.redis.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.ConnectorConfigs;
import io.tsconnect.testsupport.redis.RedisServerProcess;

/**
 * Connection behaviour against Debian's real redis-server (which has no time series commands): credentials,
 * ACL users and TLS are accepted or refused with a task error that says what to fix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisServerConnectionIT {
    private static final String PASSWORD = "correct-horse-7";
    @TempDir
    Path dir;
    private ConnectHarness harness;
    private RedisServerProcess server;

    @BeforeAll
    void startCluster() {
        assumeTrue(RedisServerProcess.available(), "redis-server is not installed");
        harness = ConnectHarness.builder().plugins("redis-timeseries-sink-connector").workers(1).start();
    }

    @AfterAll
    void stopCluster() {
        if (harness != null) {
            harness.close();
        }
    }

    @AfterEach
    void stopServer() {
        harness.connect().connectors().forEach(harness.connect()::deleteConnector);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aWrongPasswordFailsTheTaskWithAClearErrorThatHidesThePassword() throws IOException {
        server = new RedisServerProcess(Files.createDirectories(dir.resolve("auth"))).requirePassword(PASSWORD)
            .start();
        String trace = failingTask("auth-sink", Map.of("redis.password", "not-the-password-42"));
        assertTrue(trace.contains("Redis rejected the credentials"), trace);
        assertTrue(trace.contains("WRONGPASS"), trace);
        assertFalse(trace.contains("not-the-password-42"), "the password must not appear in the trace");
    }

    @Test
    void anAclUserConnectsAndAServerWithoutTimeSeriesIsExplained() throws IOException {
        server = new RedisServerProcess(Files.createDirectories(dir.resolve("acl"))).aclUser("ingest", PASSWORD)
            .start();
        String trace = failingTask("acl-sink", Map.of("redis.user", "ingest", "redis.password", PASSWORD));
        assertTrue(trace.contains("has no time series commands"), trace);
    }

    @Test
    void mutualTlsWithPemFilesConnects() throws Exception {
        assumeTrue(TestCertificates.available(), "openssl is not installed");
        TestCertificates certs = TestCertificates.create(Files.createDirectories(dir.resolve("certs")));
        server = new RedisServerProcess(Files.createDirectories(dir.resolve("tls")))
            .tls(certs.serverCert(), certs.serverKey(), certs.caCert(), true).requirePassword(PASSWORD).start();
        Map<String, String> tls = new HashMap<>(Map.of("redis.password", PASSWORD, "redis.tls.enabled", "true",
            "redis.tls.truststore.type", "pem", "redis.tls.truststore.path", certs.caCert().toString(),
            "redis.tls.keystore.type", "pem", "redis.tls.keystore.path", certs.clientPem().toString()));
        // Reaching the "no time series" error proves the TLS handshake, the client certificate and AUTH passed.
        String trace = failingTask("tls-sink", tls);
        assertTrue(trace.contains("has no time series commands"), trace);
    }

    @Test
    void tlsWithoutTheClientCertificateRequiredIsAClearError() throws Exception {
        assumeTrue(TestCertificates.available(), "openssl is not installed");
        TestCertificates certs = TestCertificates.create(Files.createDirectories(dir.resolve("certs2")));
        server = new RedisServerProcess(Files.createDirectories(dir.resolve("tls2")))
            .tls(certs.serverCert(), certs.serverKey(), certs.caCert(), true).start();
        String trace = failingTask("tls-nocert-sink", Map.of("redis.tls.enabled", "true",
            "redis.tls.truststore.type", "pem", "redis.tls.truststore.path", certs.caCert().toString()));
        assertTrue(trace.contains("the TLS handshake failed"), trace);
    }

    private String failingTask(String name, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(ConnectorConfigs.load("redis-timeseries-sink.json").named(name)
            .config());
        config.remove("redis.password");
        config.putAll(overrides);
        config.put("redis.hosts", server.hostPort());
        config.put("topics", name + "-in");
        config.put("retry.backoff.initial.ms", "100");
        config.put("retry.backoff.max.ms", "500");
        harness.produce(name + "-in", null, "{\"metric\":\"m\",\"location\":\"l\",\"device\":\"d\",\"value\":1,"
            + "\"timestamp\":1700000000000}");
        harness.connect().configureConnector(name, config);
        return harness.awaitTaskFailure(name);
    }
}
