package io.tsconnect.testsupport.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority made at test time with the JDK's {@code keytool}: a CA, a server certificate
 * for {@code localhost}/{@code 127.0.0.1} and a client certificate, each as PKCS12 stores and as PEM files, so the
 * same PKI serves brokers that read PEM (mosquitto) and ones that read key stores (HiveMQ, Java clients).
 *
 * <p>Stores use the password {@link #PASSWORD}; PEM keys are unencrypted PKCS#8.
 */
public final class TestPki {
    /** Password of every store and key. */
    public static final String PASSWORD = "changeit";

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** Creates the CA and the server and client certificates in a new temp directory (a few seconds of keytool). */
    public static TestPki create() {
        try {
            TestPki pki = new TestPki(Files.createTempDirectory("test-pki-"));
            pki.generate();
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void generate() throws IOException {
        genKeyPair("ca.p12", "ca", "CN=tsconnect test CA", "bc:c");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", path("ca.p12"), "-storepass", PASSWORD,
            "-file", path("ca.pem"));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", path("ca.pem"), "-keystore",
            path("truststore.p12"), "-storetype", "PKCS12", "-storepass", PASSWORD);
        signed("server", "CN=localhost", "san=dns:localhost,ip:127.0.0.1", "eku=serverAuth");
        signed("client", "CN=tsconnect-client", "san=dns:tsconnect-client", "eku=clientAuth");
        Files.writeString(dir.resolve("client.pem"), Files.readString(dir.resolve("client-cert.pem"))
            + Files.readString(dir.resolve("client.key")));
    }

    private void signed(String name, String dname, String san, String eku) throws IOException {
        String store = name + ".p12";
        genKeyPair(store, name, dname, null);
        keytool("-certreq", "-alias", name, "-keystore", path(store), "-storepass", PASSWORD, "-file",
            path(name + ".csr"));
        keytool("-gencert", "-alias", "ca", "-keystore", path("ca.p12"), "-storepass", PASSWORD, "-infile",
            path(name + ".csr"), "-outfile", path(name + "-cert.pem"), "-rfc", "-validity", "2", "-ext", san,
            "-ext", eku);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", path("ca.pem"), "-keystore", path(store),
            "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", path(name + "-cert.pem"), "-keystore",
            path(store), "-storepass", PASSWORD);
        writePemKey(store, name, dir.resolve(name + ".key"));
    }

    private void genKeyPair(String store, String alias, String dname, String ext) throws IOException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize",
            "2048", "-dname", dname, "-validity", "2", "-keystore", path(store), "-storetype", "PKCS12",
            "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (ext != null) {
            args.add("-ext");
            args.add(ext);
        }
        keytool(args.toArray(new String[0]));
    }

    private void writePemKey(String store, String alias, Path out) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(store))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            Key key = ks.getKey(alias, PASSWORD.toCharArray());
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
            Files.writeString(out, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot export the key of " + alias, e);
        }
    }

    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted running keytool", e);
        }
    }

    private String path(String file) {
        return dir.resolve(file).toString();
    }

    /** The CA certificate (PEM): what clients and brokers trust. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** A PKCS12 truststore holding the CA certificate. */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** The server's PKCS12 keystore (key and chain, alias {@code server}). */
    public Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    public Path serverCertPem() {
        return dir.resolve("server-cert.pem");
    }

    public Path serverKeyPem() {
        return dir.resolve("server.key");
    }

    /** The client's PKCS12 keystore (key and chain, alias {@code client}). */
    public Path clientKeystore() {
        return dir.resolve("client.p12");
    }

    /** The client certificate followed by its unencrypted PKCS#8 key, in one PEM file. */
    public Path clientPem() {
        return dir.resolve("client.pem");
    }

    /**
     * A connector's mutual-TLS settings under {@code prefix} (e.g. {@code mqtt.tls.}) from PEM files: the CA
     * certificate and the client's certificate+key file.
     */
    public Map<String, String> pemClientSettings(String prefix) {
        return Map.of(prefix + "truststore.path", caPem().toString(), prefix + "truststore.type", "PEM",
            prefix + "keystore.path", clientPem().toString(), prefix + "keystore.type", "PEM");
    }

    /** A connector's mutual-TLS settings under {@code prefix} from the PKCS12 truststore and client keystore. */
    public Map<String, String> storeClientSettings(String prefix) {
        return Map.of(prefix + "truststore.path", truststore().toString(), prefix + "truststore.password", PASSWORD,
            prefix + "keystore.path", clientKeystore().toString(), prefix + "keystore.password", PASSWORD);
    }

    /** The directory holding every file. */
    public Path dir() {
        return dir;
    }
}
