package io.tsconnect.questdb;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The TLS trust of the REST calls ({@code /exec}) made for table creation, taken from the same client
 * configuration string as ILP: {@code tls_roots} (a JKS or PKCS12 truststore, password in
 * {@code tls_roots_password}) and {@code tls_verify=unsafe_off} (no certificate or host name check, for tests
 * only). Without them the JVM's default trust store applies, as for the client.
 */
final class ExecTls {
    private ExecTls() {
    }

    /**
     * The SSL context for {@code conf}.
     *
     * @throws ConnectException when the truststore cannot be read (a configuration problem)
     */
    static SSLContext context(ClientConf conf) {
        try {
            if ("unsafe_off".equalsIgnoreCase(trimmed(conf.get("tls_verify")))) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustAll()}, null);
                return context;
            }
            String roots = trimmed(conf.get("tls_roots"));
            if (roots == null || roots.isEmpty()) {
                return SSLContext.getDefault();
            }
            String password = conf.get("tls_roots_password");
            KeyStore store = KeyStore.getInstance(new File(roots), password == null ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConnectException("Cannot load tls_roots of the QuestDB client configuration for table "
                + "creation: " + e.getMessage(), e);
        }
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    /** tls_verify=unsafe_off: accepts any certificate for any host (the extended form skips host checks). */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
