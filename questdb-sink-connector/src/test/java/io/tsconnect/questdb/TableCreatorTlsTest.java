package io.tsconnect.questdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.tsconnect.questdb.config.QuestDbSinkConfig;

/** Table creation over https honours tls_roots / tls_verify of the client configuration string. */
class TableCreatorTlsTest {
    private static final String PASSWORD = "changeit";
    @TempDir
    static Path dir;
    private static Path keystore;
    private static HttpsServer server;
    private static final List<String> queries = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startHttpsServer() throws Exception {
        keystore = dir.resolve("qdb.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "qdb", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/exec", exchange -> {
            queries.add(exchange.getRequestURI().getQuery().replace('+', ' '));
            byte[] body = "{\"ddl\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static TableCreator creator(String tls) {
        String conf = "https::addr=127.0.0.1:" + server.getAddress().getPort() + ";" + tls;
        QuestDbSinkConfig config = new QuestDbSinkConfig(Map.of("client.conf.string", conf, "table.create", "true"));
        return new TableCreator(config, ClientConf.parse(conf));
    }

    @Test
    void trustsTheServerThroughTlsRoots() {
        creator("tls_roots=" + keystore + ";tls_roots_password=" + PASSWORD + ";").ensure("roots", Set.of());
        assertTrue(queries.stream().anyMatch(q -> q.contains("CREATE TABLE IF NOT EXISTS \"roots\"")), queries.toString());
    }

    @Test
    void unsafeOffSkipsVerification() {
        creator("tls_verify=unsafe_off;").ensure("unverified", Set.of());
        assertTrue(queries.stream().anyMatch(q -> q.contains("\"unverified\"")), queries.toString());
    }

    @Test
    void withoutRootsTheSelfSignedServerIsNotTrusted() {
        assertThrows(RetriableException.class, () -> creator("").ensure("untrusted", Set.of()));
        assertTrue(queries.stream().noneMatch(q -> q.contains("\"untrusted\"")));
    }

    @Test
    void unreadableRootsAreAConfigurationError() {
        ConnectException e = assertThrows(ConnectException.class,
            () -> creator("tls_roots=" + dir.resolve("missing.p12") + ";tls_roots_password=x;"));
        assertTrue(e.getMessage().contains("tls_roots"), e.getMessage());
    }
}
