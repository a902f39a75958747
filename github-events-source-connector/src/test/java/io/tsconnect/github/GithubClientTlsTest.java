package io.tsconnect.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.tsconnect.github.config.GithubEventsSourceConfig;
import io.tsconnect.testsupport.github.GithubReplayServer;

/** The client trusts exactly what {@code github.tls.truststore.*} names, for Enterprise Server behind a private CA. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GithubClientTlsTest {
    private GithubReplayServer github;
    private Path caPem;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        caPem = dir.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass",
            "changeit", "-file", caPem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        github = GithubReplayServer.startHttps(context);
        github.stream("events").generate(2);
    }

    @AfterAll
    void stop() {
        if (github != null) {
            github.close();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    private GithubClient client(boolean trustPem) {
        Map<String, String> config = new HashMap<>(Map.of(GithubEventsSourceConfig.STREAMS_CONFIG, "events",
            GithubEventsSourceConfig.API_URL_CONFIG, github.baseUrl()));
        if (trustPem) {
            config.put(GithubEventsSourceConfig.TLS_PREFIX + "truststore.path", caPem.toString());
            config.put(GithubEventsSourceConfig.TLS_PREFIX + "truststore.type", "PEM");
        }
        return new GithubClient(new GithubEventsSourceConfig(config), new GithubEventsMetrics());
    }

    @Test
    void aConfiguredPemTruststoreLetsTheClientIn() throws IOException {
        try (GithubClient client = client(true)) {
            ApiResponse response = client.get(URI.create(github.baseUrl() + "/events"), null);
            assertEquals(200, response.status());
        }
    }

    @Test
    void withoutItTheServerCertificateIsRejected() {
        int before = github.requests().size();
        try (GithubClient client = client(false)) {
            IOException e = assertThrows(IOException.class,
                () -> client.get(URI.create(github.baseUrl() + "/events"), null));
            assertTrue(e.toString().contains("SSL") || e.toString().contains("certification"), e.toString());
        }
        assertEquals(before, github.requests().size(), "no request got past the handshake");
    }
}
