package io.tsconnect.github;

import java.io.IOException;
import java.net.URI;

/** GETs one page of events. */
interface EventsApi {
    /**
     * @param uri the page
     * @param etag the ETag to send as {@code If-None-Match}, or {@code null}
     * @throws IOException on a transport failure, or when the client was closed while waiting
     */
    ApiResponse get(URI uri, String etag) throws IOException;
}
