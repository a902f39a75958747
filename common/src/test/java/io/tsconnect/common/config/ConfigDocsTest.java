package io.tsconnect.common.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
    @Test
    void rendersGroupsInOrderAndHidesSecretDefaults() {
        ConfigDef def = new ConfigDef();
        RetryConfig.update(def, "Retries");
        TlsConfig.update(def, "x.tls.", "TLS");
        String md = ConfigDocs.markdown("X", "Intro.", def);
        assertTrue(md.indexOf("## Retries") < md.indexOf("## TLS"), md);
        assertTrue(md.indexOf("`max.retries`") < md.indexOf("`retry.backoff.initial.ms`"), md);
        assertTrue(md.contains("### `x.tls.truststore.password`"), md);
        assertTrue(md.contains("- Valid values: jks, pkcs12, pem"), md);
        assertFalse(md.contains("[hidden]"), "no password default is set, so none is shown");
    }
}
