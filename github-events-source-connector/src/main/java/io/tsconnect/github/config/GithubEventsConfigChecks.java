package io.tsconnect.github.config;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

import io.tsconnect.common.Template;
import io.tsconnect.common.config.KafkaTopicValidator;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.common.config.TlsConfig;
import io.tsconnect.github.EventStream;

/** The checks behind {@link GithubEventsSourceConfig}: per-key validators and the cross-field checks. */
final class GithubEventsConfigChecks {
    /** Validates {@code github.streams}: every entry a known stream form, none twice. */
    static final ConfigDef.Validator STREAMS = named(GithubEventsConfigChecks::validStreams,
        "a list of streams: " + EventStream.FORMS);
    /** Validates {@code topic}: a topic name or a template using only ${stream} and ${type}. */
    static final ConfigDef.Validator TOPIC = named(GithubEventsConfigChecks::validTopic,
        "a Kafka topic name, or a template using ${stream} and ${type}; outside the placeholders 1 to "
            + KafkaTopicValidator.MAX_LENGTH + " of " + KafkaTopicValidator.LEGAL_CHARACTERS);

    private GithubEventsConfigChecks() {
    }

    /** A validator whose description shows in the config reference (a bare lambda would print its class name). */
    private static ConfigDef.Validator named(ConfigDef.Validator check, String description) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                check.ensureValid(name, value);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /** Attaches cross-field problems to the keys they concern; never throws. */
    static void validate(Map<String, ConfigValue> values) {
        RetryConfig.validate(values);
        TlsConfig.validate(values, GithubEventsSourceConfig.TLS_PREFIX);
        checkUrl(values.get(GithubEventsSourceConfig.API_URL_CONFIG), false);
        checkUrl(values.get(GithubEventsSourceConfig.PROXY_URL_CONFIG), true);
        ConfigValue initial = values.get(GithubEventsSourceConfig.RATE_BACKOFF_INITIAL_CONFIG);
        ConfigValue max = values.get(GithubEventsSourceConfig.RATE_BACKOFF_MAX_CONFIG);
        if (initial != null && max != null && initial.value() instanceof Long i && max.value() instanceof Long m
            && m < i) {
            max.addErrorMessage(GithubEventsSourceConfig.RATE_BACKOFF_MAX_CONFIG + " (" + m + ") must not be below "
                + GithubEventsSourceConfig.RATE_BACKOFF_INITIAL_CONFIG + " (" + i + ")");
        }
        ConfigValue verify = values.get(GithubEventsSourceConfig.TLS_PREFIX + TlsConfig.HOSTNAME_VERIFICATION);
        if (verify != null && Boolean.FALSE.equals(verify.value())) {
            verify.addErrorMessage("The JDK HTTP client always verifies host names; use a certificate that names "
                + "the host, or a truststore holding it");
        }
    }

    private static void checkUrl(ConfigValue value, boolean proxy) {
        if (value == null || !(value.value() instanceof String s) || s.isBlank()) {
            return;
        }
        try {
            URI uri = URI.create(s.trim());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                throw new IllegalArgumentException("needs http:// or https:// and a host");
            }
            if (proxy && uri.getPort() < 0) {
                throw new IllegalArgumentException("needs a port, as http://HOST:PORT");
            }
        } catch (IllegalArgumentException e) {
            value.addErrorMessage(value.name() + ": '" + s + "' is not a usable URL: " + e.getMessage());
        }
    }

    static void validStreams(String name, Object value) {
        if (value == null) {
            return;
        }
        if (((List<?>) value).isEmpty()) {
            throw new ConfigException(name, value, "Name at least one stream: " + EventStream.FORMS);
        }
        Set<String> seen = new HashSet<>();
        for (Object item : (List<?>) value) {
            try {
                EventStream stream = EventStream.parse(String.valueOf(item));
                if (!seen.add(stream.name())) {
                    throw new ConfigException(name, value, "Stream '" + stream.name() + "' is listed twice");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }
    }

    static void validTopic(String name, Object value) {
        try {
            Template template = Template.parse(String.valueOf(value));
            for (String variable : template.variables()) {
                if (!variable.equals("stream") && !variable.equals("type")) {
                    throw new ConfigException(name, value, "Unknown variable ${" + variable + "}: use ${stream} "
                        + "or ${type}");
                }
            }
            // The placeholders render legal names (EventStream.topicSafeName, event types); the rest is the user's.
            String problem = KafkaTopicValidator.templateProblem(template);
            if (problem != null) {
                throw new ConfigException(name, value, problem);
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }
}
