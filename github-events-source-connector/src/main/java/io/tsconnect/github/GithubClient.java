package io.tsconnect.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tsconnect.common.config.TlsConfig;
import io.tsconnect.common.config.TlsContexts;
import io.tsconnect.github.config.GithubEventsSourceConfig;

/**
 * The JDK HTTP client set up for the events API: the headers GitHub asks for, the optional token, a proxy, TLS
 * trust and redirects followed (a renamed repository answers 301). A request in flight is abandoned when the
 * client is {@link #close() closed}, so a task stops promptly even while the API is slow.
 */
final class GithubClient implements EventsApi, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GithubClient.class);
    private final HttpClient http;
    private final Password token;
    private final String apiVersion;
    private final String userAgent;
    private final Duration timeout;
    private final GithubEventsMetrics metrics;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    GithubClient(GithubEventsSourceConfig config, GithubEventsMetrics metrics) {
        this.token = config.token();
        this.apiVersion = config.apiVersion();
        this.userAgent = config.userAgent();
        this.timeout = config.requestTimeout();
        this.metrics = metrics;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(timeout);
        URI proxy = config.proxyUrl();
        if (proxy != null) {
            builder.proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort())));
        }
        TlsConfig tls = config.tls();
        if (tls.configured()) {
            try {
                builder.sslContext(TlsContexts.sslContext(tls));
            } catch (GeneralSecurityException | IOException e) {
                throw new ConnectException("Cannot load the TLS settings " + GithubEventsSourceConfig.TLS_PREFIX
                    + "*: " + e.getMessage(), e);
            }
        }
        this.http = builder.build();
    }

    @Override
    public ApiResponse get(URI uri, String etag) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
            .header("Accept", "application/vnd.github+json")
            .header("User-Agent", userAgent)
            .header("X-GitHub-Api-Version", apiVersion);
        if (token != null) {
            request.header("Authorization", "Bearer " + token.value());
        }
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        log.trace("GET {} (If-None-Match {})", uri, etag);
        metrics.request();
        CompletableFuture<HttpResponse<byte[]>> future =
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            CompletableFuture.anyOf(future, closed).get();
            if (!future.isDone()) {
                future.cancel(true);
                throw new InterruptedIOException("Stopped while waiting for " + uri);
            }
            HttpResponse<byte[]> response = future.join();
            ApiResponse answer = new ApiResponse(response.uri(), response.statusCode(), response.headers().map(),
                response.body());
            answer.rateLimitRemaining().ifPresent(metrics::rateLimitRemaining);
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new InterruptedIOException("Interrupted while waiting for " + uri);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        }
    }

    /** Abandons any request in flight; later requests fail at once. */
    @Override
    public void close() {
        closed.complete(null);
    }
}
