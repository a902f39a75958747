package io.tsconnect.github.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

import io.tsconnect.common.Backoff;
import io.tsconnect.common.Template;
import io.tsconnect.common.config.ConfigGroup;
import io.tsconnect.common.config.RetryConfig;
import io.tsconnect.common.config.TlsConfig;
import io.tsconnect.github.EventStream;

/** The configuration of the GitHub events source connector. */
public class GithubEventsSourceConfig extends AbstractConfig {
    public static final String API_URL_CONFIG = "github.api.url";
    public static final String API_URL_DOC = "Base URL of the GitHub REST API: https://api.github.com, or "
        + "https://HOST/api/v3 for GitHub Enterprise Server.";
    public static final String API_URL_DEFAULT = "https://api.github.com";
    public static final String API_URL_DISPLAY = "API URL";

    public static final String TOKEN_CONFIG = "github.token";
    public static final String TOKEN_DOC = "Token sent as 'Authorization: Bearer'. Optional: without it the API "
        + "allows 60 requests an hour per IP address, with it 5000 per hour. Reference it through a config provider, "
        + "e.g. ${env:GITHUB_TOKEN}; it is never logged. A reference the worker cannot resolve (the variable unset) "
        + "is logged as a warning and the API is polled without a token.";
    public static final String TOKEN_DISPLAY = "Token";

    public static final String API_VERSION_CONFIG = "github.api.version";
    public static final String API_VERSION_DOC = "Value of the X-GitHub-Api-Version request header.";
    public static final String API_VERSION_DEFAULT = "2022-11-28";
    public static final String API_VERSION_DISPLAY = "API version";

    public static final String USER_AGENT_CONFIG = "github.user.agent";
    public static final String USER_AGENT_DOC = "Value of the User-Agent request header, which GitHub requires; "
        + "GitHub asks that it names the application or the account using it.";
    public static final String USER_AGENT_DEFAULT = "tsconnect-github-events-source";
    public static final String USER_AGENT_DISPLAY = "User agent";

    public static final String REQUEST_TIMEOUT_CONFIG = "github.request.timeout.ms";
    public static final String REQUEST_TIMEOUT_DOC = "How long one HTTP request may take before it counts as a "
        + "failed (retried) request.";
    public static final long REQUEST_TIMEOUT_DEFAULT = 30_000L;
    public static final String REQUEST_TIMEOUT_DISPLAY = "Request timeout (ms)";

    public static final String PROXY_URL_CONFIG = "github.proxy.url";
    public static final String PROXY_URL_DOC = "HTTP(S) proxy to reach the API through, as http://HOST:PORT. "
        + "Empty: connect directly.";
    public static final String PROXY_URL_DISPLAY = "Proxy URL";

    public static final String STREAMS_CONFIG = "github.streams";
    public static final String STREAMS_DOC = "The event streams to read, comma-separated, each one of: "
        + EventStream.FORMS + ". Each stream is one source partition with its own offset; streams are shared "
        + "over min(tasks.max, number of streams) tasks.";
    public static final String STREAMS_DISPLAY = "Streams";

    public static final String PER_PAGE_CONFIG = "github.per.page";
    public static final String PER_PAGE_DOC = "Events asked for per page (per_page). 100, the API's maximum, "
        + "reads the 300-event window in three requests.";
    public static final int PER_PAGE_DEFAULT = 100;
    public static final String PER_PAGE_DISPLAY = "Page size";

    public static final String POLL_MIN_CONFIG = "github.poll.interval.min.ms";
    public static final String POLL_MIN_DOC = "The shortest time between two polls of one stream. The connector "
        + "waits the longer of this and the X-Poll-Interval the API asks for (usually 60 s).";
    public static final long POLL_MIN_DEFAULT = 60_000L;
    public static final String POLL_MIN_DISPLAY = "Minimum poll interval (ms)";

    public static final String LATE_WINDOW_CONFIG = "github.late.event.window.ms";
    public static final String LATE_WINDOW_DOC = "Events can appear in the API minutes to hours after their "
        + "created_at. An event not yet emitted is emitted when its created_at is at most this much older than "
        + "the newest event emitted on its stream; older ones are skipped as already emitted (the offset keeps the "
        + "last 300 emitted ids, the API's whole window).";
    public static final long LATE_WINDOW_DEFAULT = 6 * 3_600_000L;
    public static final String LATE_WINDOW_DISPLAY = "Late event window (ms)";

    public static final String TOPIC_CONFIG = "topic";
    public static final String TOPIC_DOC = "Topic to write to: a name, or a template using ${stream} (the stream "
        + "with '/' replaced by '.', e.g. repos.octo.hello) and ${type} (the event type, e.g. PushEvent).";
    public static final String TOPIC_DEFAULT = "github-events";
    public static final String TOPIC_DISPLAY = "Topic";

    public static final String VALUE_FORMAT_CONFIG = "value.format";
    public static final String VALUE_FORMAT_DOC = "struct: a Struct with id, type, created_at (Timestamp; epoch "
        + "milliseconds with the JSON converter and schemas off), actor, actor_id, repo, repo_id, org (optional), "
        + "public and payload (a JSON string). json: the event exactly as returned, as a JSON string.";
    public static final String VALUE_FORMAT_DEFAULT = "struct";
    public static final String VALUE_FORMAT_DISPLAY = "Value format";

    public static final String RESERVE_CONFIG = "github.rate.limit.reserve";
    public static final String RESERVE_DOC = "Pause every stream of the task until the rate-limit reset when "
        + "x-ratelimit-remaining falls below this, leaving quota to other users of the same token. 0: use the "
        + "whole quota.";
    public static final int RESERVE_DEFAULT = 0;
    public static final String RESERVE_DISPLAY = "Rate-limit reserve";

    public static final String RATE_BACKOFF_INITIAL_CONFIG = "github.rate.limit.backoff.initial.ms";
    public static final String RATE_BACKOFF_INITIAL_DOC = "Wait after a 403/429 that names neither Retry-After "
        + "nor an exhausted quota, and after a 404; doubled, with jitter, on each repeat. GitHub asks for at least "
        + "a minute.";
    public static final long RATE_BACKOFF_INITIAL_DEFAULT = 60_000L;
    public static final String RATE_BACKOFF_INITIAL_DISPLAY = "Rate-limit backoff (ms)";

    public static final String RATE_BACKOFF_MAX_CONFIG = "github.rate.limit.backoff.max.ms";
    public static final String RATE_BACKOFF_MAX_DOC = "The longest of those waits.";
    public static final long RATE_BACKOFF_MAX_DEFAULT = 900_000L;
    public static final String RATE_BACKOFF_MAX_DISPLAY = "Max rate-limit backoff (ms)";

    /** Prefix of the TLS trust keys. */
    public static final String TLS_PREFIX = "github.tls.";

    public static final ConfigDef CONFIG_DEF = configDef();

    public GithubEventsSourceConfig(Map<String, String> props) {
        this(CONFIG_DEF, props);
    }

    protected GithubEventsSourceConfig(ConfigDef def, Map<String, String> props) {
        super(def, props);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConfigGroup.of(def, "GitHub API")
            .define(API_URL_CONFIG, Type.STRING, API_URL_DEFAULT, new ConfigDef.NonEmptyString(), Importance.HIGH,
                API_URL_DOC, Width.LONG, API_URL_DISPLAY)
            .define(TOKEN_CONFIG, Type.PASSWORD, null, Importance.HIGH, TOKEN_DOC, Width.LONG, TOKEN_DISPLAY)
            .define(API_VERSION_CONFIG, Type.STRING, API_VERSION_DEFAULT, new ConfigDef.NonEmptyString(),
                Importance.LOW, API_VERSION_DOC, Width.SHORT, API_VERSION_DISPLAY)
            .define(USER_AGENT_CONFIG, Type.STRING, USER_AGENT_DEFAULT, new ConfigDef.NonEmptyString(),
                Importance.LOW, USER_AGENT_DOC, Width.MEDIUM, USER_AGENT_DISPLAY)
            .define(REQUEST_TIMEOUT_CONFIG, Type.LONG, REQUEST_TIMEOUT_DEFAULT, Range.between(1_000, 600_000),
                Importance.LOW, REQUEST_TIMEOUT_DOC, Width.SHORT, REQUEST_TIMEOUT_DISPLAY)
            .define(PROXY_URL_CONFIG, Type.STRING, null, Importance.LOW, PROXY_URL_DOC, Width.LONG,
                PROXY_URL_DISPLAY);
        ConfigGroup.of(def, "Streams")
            .defineRequired(STREAMS_CONFIG, Type.LIST, GithubEventsConfigChecks.STREAMS, Importance.HIGH,
                STREAMS_DOC, Width.LONG, STREAMS_DISPLAY)
            .define(PER_PAGE_CONFIG, Type.INT, PER_PAGE_DEFAULT, Range.between(1, 100), Importance.LOW,
                PER_PAGE_DOC, Width.SHORT, PER_PAGE_DISPLAY)
            .define(POLL_MIN_CONFIG, Type.LONG, POLL_MIN_DEFAULT, Range.atLeast(100), Importance.MEDIUM,
                POLL_MIN_DOC, Width.SHORT, POLL_MIN_DISPLAY)
            .define(LATE_WINDOW_CONFIG, Type.LONG, LATE_WINDOW_DEFAULT, Range.atLeast(0), Importance.LOW,
                LATE_WINDOW_DOC, Width.SHORT, LATE_WINDOW_DISPLAY);
        ConfigGroup.of(def, "Records")
            .define(TOPIC_CONFIG, Type.STRING, TOPIC_DEFAULT, GithubEventsConfigChecks.TOPIC, Importance.HIGH,
                TOPIC_DOC, Width.MEDIUM, TOPIC_DISPLAY)
            .define(VALUE_FORMAT_CONFIG, Type.STRING, VALUE_FORMAT_DEFAULT, ValueFormat.VALIDATOR,
                Importance.MEDIUM, VALUE_FORMAT_DOC, Width.SHORT, VALUE_FORMAT_DISPLAY, ValueFormat.RECOMMENDER);
        ConfigGroup.of(def, "Rate limits")
            .define(RESERVE_CONFIG, Type.INT, RESERVE_DEFAULT, Range.atLeast(0), Importance.MEDIUM, RESERVE_DOC,
                Width.SHORT, RESERVE_DISPLAY)
            .define(RATE_BACKOFF_INITIAL_CONFIG, Type.LONG, RATE_BACKOFF_INITIAL_DEFAULT, Range.atLeast(0),
                Importance.LOW, RATE_BACKOFF_INITIAL_DOC, Width.SHORT, RATE_BACKOFF_INITIAL_DISPLAY)
            .define(RATE_BACKOFF_MAX_CONFIG, Type.LONG, RATE_BACKOFF_MAX_DEFAULT, Range.atLeast(0),
                Importance.LOW, RATE_BACKOFF_MAX_DOC, Width.SHORT, RATE_BACKOFF_MAX_DISPLAY);
        RetryConfig.update(def, "Retries");
        TlsConfig.update(def, TLS_PREFIX, "TLS");
        return def;
    }

    /** Attaches cross-field problems to the keys they concern; never throws. */
    public static void validate(Map<String, ConfigValue> values) {
        GithubEventsConfigChecks.validate(values);
    }

    public URI apiUrl() {
        String url = getString(API_URL_CONFIG).trim();
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /**
     * The token, or {@code null} when none is configured or it is a config provider reference the worker could
     * not resolve (e.g. {@code ${env:GITHUB_TOKEN}} with the variable unset), which GitHub would only refuse.
     */
    public Password token() {
        Password token = getPassword(TOKEN_CONFIG);
        return token == null || token.value().isBlank() || tokenIsUnresolved() ? null : token;
    }

    /** True when the token is still a {@code ${provider:key}} reference: the worker could not resolve it. */
    public boolean tokenIsUnresolved() {
        Password token = getPassword(TOKEN_CONFIG);
        return token != null && token.value().trim().matches("\\$\\{[^}]+}");
    }

    public String apiVersion() {
        return getString(API_VERSION_CONFIG).trim();
    }

    public String userAgent() {
        return getString(USER_AGENT_CONFIG).trim();
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getLong(REQUEST_TIMEOUT_CONFIG));
    }

    /** The proxy, or {@code null} for direct connections. */
    public URI proxyUrl() {
        String url = getString(PROXY_URL_CONFIG);
        return url == null || url.isBlank() ? null : URI.create(url.trim());
    }

    public List<EventStream> streams() {
        return getList(STREAMS_CONFIG).stream().map(EventStream::parse).toList();
    }

    public int perPage() {
        return getInt(PER_PAGE_CONFIG);
    }

    public Duration minPollInterval() {
        return Duration.ofMillis(getLong(POLL_MIN_CONFIG));
    }

    public Duration lateEventWindow() {
        return Duration.ofMillis(getLong(LATE_WINDOW_CONFIG));
    }

    public Template topic() {
        return Template.parse(getString(TOPIC_CONFIG));
    }

    public ValueFormat valueFormat() {
        return ValueFormat.parse(VALUE_FORMAT_CONFIG, getString(VALUE_FORMAT_CONFIG));
    }

    public int rateLimitReserve() {
        return getInt(RESERVE_CONFIG);
    }

    public Backoff rateLimitBackoff() {
        long initial = getLong(RATE_BACKOFF_INITIAL_CONFIG);
        return new Backoff(Duration.ofMillis(initial),
            Duration.ofMillis(Math.max(initial, getLong(RATE_BACKOFF_MAX_CONFIG))));
    }

    public RetryConfig retry() {
        return RetryConfig.from(this);
    }

    public TlsConfig tls() {
        return TlsConfig.from(this, TLS_PREFIX);
    }
}
