package io.tsconnect.common.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.kafka.common.config.types.Password;

/**
 * Builds JSSE objects from a {@link TlsConfig}: each client library takes a different one (HiveMQ the factories,
 * Jedis and the JDK HTTP client an {@link SSLContext}).
 */
public final class TlsContexts {
    private static final Pattern PEM_KEY = Pattern.compile(
        "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern PEM_CERT = Pattern.compile(
        "-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----");
    private static final char[] PEM_STORE_PASSWORD = new char[0];

    private TlsContexts() {
    }

    /** Trust managers for the configured truststore, or {@code null} for the JVM's defaults. */
    public static TrustManagerFactory trustManagers(TlsConfig tls) throws GeneralSecurityException, IOException {
        if (tls.truststorePath() == null) {
            return null;
        }
        KeyStore store = tls.truststoreType() == TlsConfig.StoreType.PEM
            ? pemTrustStore(tls.truststorePath())
            : load(tls.truststorePath(), tls.truststoreType(), tls.truststorePassword());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf;
    }

    /** Key managers for the configured keystore, or {@code null} when there is no client certificate. */
    public static KeyManagerFactory keyManagers(TlsConfig tls) throws GeneralSecurityException, IOException {
        if (tls.keystorePath() == null) {
            return null;
        }
        char[] keyPassword;
        KeyStore store;
        if (tls.keystoreType() == TlsConfig.StoreType.PEM) {
            store = pemKeyStore(tls.keystorePath());
            keyPassword = PEM_STORE_PASSWORD;
        } else {
            store = load(tls.keystorePath(), tls.keystoreType(), tls.keystorePassword());
            Password kp = tls.keyPassword() != null ? tls.keyPassword() : tls.keystorePassword();
            keyPassword = chars(kp);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, keyPassword);
        return kmf;
    }

    /** An initialised TLS context (default trust and no client key where none is configured). */
    public static SSLContext sslContext(TlsConfig tls) throws GeneralSecurityException, IOException {
        TrustManagerFactory tmf = trustManagers(tls);
        KeyManagerFactory kmf = keyManagers(tls);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path path, TlsConfig.StoreType type, Password password)
        throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type.name());
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, chars(password));
        }
        return store;
    }

    private static KeyStore pemTrustStore(Path path) throws GeneralSecurityException, IOException {
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate cert : certificates(path)) {
            store.setCertificateEntry("ca-" + i++, cert);
        }
        return store;
    }

    private static KeyStore pemKeyStore(Path path) throws GeneralSecurityException, IOException {
        String pem = Files.readString(path, StandardCharsets.US_ASCII);
        Matcher m = PEM_KEY.matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException("No unencrypted PKCS#8 'BEGIN PRIVATE KEY' block in " + path);
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        PrivateKey key = privateKey(der);
        List<Certificate> chain = new ArrayList<>(certificates(path));
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("No certificate in " + path);
        }
        KeyStore store = emptyStore();
        store.setKeyEntry("client", key, PEM_STORE_PASSWORD, chain.toArray(new Certificate[0]));
        return store;
    }

    private static PrivateKey privateKey(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static Collection<? extends Certificate> certificates(Path path)
        throws GeneralSecurityException, IOException {
        // Only the certificate blocks: a PEM key file may hold the private key before or between them.
        Matcher m = PEM_CERT.matcher(Files.readString(path, StandardCharsets.US_ASCII));
        StringBuilder certs = new StringBuilder();
        while (m.find()) {
            certs.append(m.group()).append('\n');
        }
        try (InputStream in = new ByteArrayInputStream(certs.toString().getBytes(StandardCharsets.US_ASCII))) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static char[] chars(Password password) {
        return password == null ? null : password.value().toCharArray();
    }
}
