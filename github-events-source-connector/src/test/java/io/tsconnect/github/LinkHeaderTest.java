package io.tsconnect.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {
    private static final String RECORDED = "<https://api.github.com/events?page=2>; rel=\"next\", "
        + "<https://api.github.com/events?page=10>; rel=\"last\"";

    @Test
    void findsNextAndLastInTheRecordedHeader() {
        assertEquals(Optional.of(URI.create("https://api.github.com/events?page=2")), LinkHeader.find(RECORDED, "next"));
        assertEquals(Optional.of(URI.create("https://api.github.com/events?page=10")),
            LinkHeader.find(RECORDED, "last"));
        assertTrue(LinkHeader.find(RECORDED, "prev").isEmpty());
    }

    @Test
    void toleratesSpacingUnquotedAndMultiValuedRels() {
        String header = "<https://x/e?page=1>;rel=first,<https://x/e?page=3> ; rel=\"prev next\"";
        assertEquals(Optional.of(URI.create("https://x/e?page=3")), LinkHeader.find(header, "next"));
        assertEquals(Optional.of(URI.create("https://x/e?page=1")), LinkHeader.find(header, "FIRST"));
    }

    @Test
    void theResponseReadsLinkInAnyCaseAndResolvesRelativeUris() {
        ApiResponse response = new ApiResponse(URI.create("https://ghe.example/api/v3/events?per_page=100"), 200,
            Map.of("link", List.of("</api/v3/events?per_page=100&page=2>; rel=\"next\"")), new byte[0]);
        assertEquals(URI.create("https://ghe.example/api/v3/events?per_page=100&page=2"),
            response.nextLink().orElseThrow());
        ApiResponse upper = new ApiResponse(URI.create("https://api.github.com/events"), 200,
            Map.of("LINK", List.of(RECORDED), "X-POLL-INTERVAL", List.of("60")), new byte[0]);
        assertTrue(upper.nextLink().isPresent());
        assertEquals(60, upper.pollInterval().orElseThrow().toSeconds());
    }
}
