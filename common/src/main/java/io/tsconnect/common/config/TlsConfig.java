package io.tsconnect.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * Config fragment for TLS towards an external system: trust (server certificate) and, for mutual TLS, a client
 * key. Stores may be JKS, PKCS12 or PEM files. Every key carries the connector's prefix, e.g. {@code mqtt.tls.}.
 *
 * @param truststorePath trusted certificates; {@code null} trusts the JVM's default CAs
 * @param truststoreType the truststore format
 * @param truststorePassword the truststore password (unused for PEM)
 * @param keystorePath the client certificate and key for mutual TLS; {@code null} when not used
 * @param keystoreType the keystore format
 * @param keystorePassword the keystore password (unused for PEM)
 * @param keyPassword the private key password, when it differs from the keystore password
 * @param hostnameVerification whether the server certificate must match the host name
 */
public record TlsConfig(Path truststorePath, StoreType truststoreType, Password truststorePassword,
                        Path keystorePath, StoreType keystoreType, Password keystorePassword, Password keyPassword,
                        boolean hostnameVerification) {

    /** Key store formats. */
    public enum StoreType {
        JKS, PKCS12, PEM;

        public static final ConfigDef.Validator VALIDATOR = EnumValues.validator(StoreType.class);
        public static final ConfigDef.Recommender RECOMMENDER = EnumValues.recommender(StoreType.class);

        public static StoreType parse(String key, String value) {
            return EnumValues.parse(StoreType.class, key, value);
        }
    }

    public static final String TRUSTSTORE_PATH = "truststore.path";
    public static final String TRUSTSTORE_TYPE = "truststore.type";
    public static final String TRUSTSTORE_PASSWORD = "truststore.password";
    public static final String KEYSTORE_PATH = "keystore.path";
    public static final String KEYSTORE_TYPE = "keystore.type";
    public static final String KEYSTORE_PASSWORD = "keystore.password";
    public static final String KEY_PASSWORD = "key.password";
    public static final String HOSTNAME_VERIFICATION = "hostname.verification";

    /** Adds the TLS keys, each named {@code prefix + key}, to {@code def} as the group {@code group}. */
    public static ConfigDef update(ConfigDef def, String prefix, String group) {
        ConfigGroup.of(def, group)
            .define(prefix + TRUSTSTORE_PATH, Type.STRING, null, Importance.MEDIUM,
                "Path on the worker of the certificates trusted to sign the server certificate (a truststore, or a "
                    + "PEM file of CA certificates). Empty: the JVM's default trusted CAs.",
                Width.LONG, "Truststore path")
            .define(prefix + TRUSTSTORE_TYPE, Type.STRING, "PKCS12", StoreType.VALIDATOR, Importance.LOW,
                "Format of the truststore: " + StoreType.VALIDATOR + ".", Width.SHORT, "Truststore type",
                StoreType.RECOMMENDER)
            .define(prefix + TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                "Password of the truststore (not used for PEM).", Width.MEDIUM, "Truststore password")
            .define(prefix + KEYSTORE_PATH, Type.STRING, null, Importance.MEDIUM,
                "Path on the worker of the client certificate and private key for mutual TLS (a keystore, or a PEM "
                    + "file holding the certificate chain and an unencrypted PKCS#8 key). Empty: no client "
                    + "certificate.",
                Width.LONG, "Keystore path")
            .define(prefix + KEYSTORE_TYPE, Type.STRING, "PKCS12", StoreType.VALIDATOR, Importance.LOW,
                "Format of the keystore: " + StoreType.VALIDATOR + ".", Width.SHORT, "Keystore type",
                StoreType.RECOMMENDER)
            .define(prefix + KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                "Password of the keystore (not used for PEM).", Width.MEDIUM, "Keystore password")
            .define(prefix + KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                "Password of the private key in the keystore, when it differs from the keystore password.",
                Width.MEDIUM, "Key password")
            .define(prefix + HOSTNAME_VERIFICATION, Type.BOOLEAN, true, Importance.MEDIUM,
                "Whether the server certificate must name the host connected to. Turn off only for test "
                    + "certificates.",
                Width.SHORT, "Hostname verification");
        return def;
    }

    /** Reads the fragment with keys under {@code prefix}. */
    public static TlsConfig from(AbstractConfig config, String prefix) {
        return new TlsConfig(path(config.getString(prefix + TRUSTSTORE_PATH)),
            StoreType.parse(prefix + TRUSTSTORE_TYPE, config.getString(prefix + TRUSTSTORE_TYPE)),
            config.getPassword(prefix + TRUSTSTORE_PASSWORD),
            path(config.getString(prefix + KEYSTORE_PATH)),
            StoreType.parse(prefix + KEYSTORE_TYPE, config.getString(prefix + KEYSTORE_TYPE)),
            config.getPassword(prefix + KEYSTORE_PASSWORD),
            config.getPassword(prefix + KEY_PASSWORD),
            config.getBoolean(prefix + HOSTNAME_VERIFICATION));
    }

    /**
     * Attaches per-key errors for files that are not readable and stores lacking a password; never throws.
     * The files are checked on the worker that validates, which is where tasks will read them too.
     */
    public static void validate(Map<String, ConfigValue> values, String prefix) {
        checkStore(values, prefix + TRUSTSTORE_PATH, prefix + TRUSTSTORE_TYPE, prefix + TRUSTSTORE_PASSWORD);
        checkStore(values, prefix + KEYSTORE_PATH, prefix + KEYSTORE_TYPE, prefix + KEYSTORE_PASSWORD);
    }

    private static void checkStore(Map<String, ConfigValue> values, String pathKey, String typeKey,
                                   String passwordKey) {
        ConfigValue path = values.get(pathKey);
        if (path == null || !(path.value() instanceof String p) || p.isBlank()) {
            return;
        }
        if (!Files.isReadable(Path.of(p))) {
            path.addErrorMessage(pathKey + ": no readable file at " + p);
        }
        ConfigValue type = values.get(typeKey);
        ConfigValue password = values.get(passwordKey);
        boolean pem = type != null && "pem".equalsIgnoreCase(String.valueOf(type.value()));
        if (!pem && password != null && password.value() == null) {
            password.addErrorMessage(passwordKey + " is required for a " + type.value() + " store at " + pathKey);
        }
    }

    /** True when a truststore or keystore is configured. */
    public boolean configured() {
        return truststorePath != null || keystorePath != null;
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
