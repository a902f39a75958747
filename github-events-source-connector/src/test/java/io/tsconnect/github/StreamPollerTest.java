package io.tsconnect.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tsconnect.testsupport.github.Fault;
import io.tsconnect.testsupport.github.GithubReplayServer;
import io.tsconnect.testsupport.github.RecordedRequest;

/** Paging, de-duplication, late events and gap detection against the replay server. */
class StreamPollerTest {
    private static final String REPO = "repos/octo/hello";
    private static final Duration LATE = Duration.ofHours(6);
    private GithubReplayServer github;
    private GithubEventsMetrics metrics;
    private EventsApi api;

    @BeforeEach
    void start() {
        github = GithubReplayServer.start().pollInterval(42);
        metrics = new GithubEventsMetrics();
        HttpClient http = HttpClient.newHttpClient();
        api = (uri, etag) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            try {
                HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new ApiResponse(r.uri(), r.statusCode(), r.headers().map(), r.body());
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        };
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private StreamPoller poller(String stream, int perPage, StreamOffset offset) {
        return new StreamPoller(EventStream.parse(stream), URI.create(github.baseUrl()), perPage, LATE, offset,
            metrics);
    }

    private static List<String> ids(StreamPoller.Outcome outcome) {
        List<String> ids = new ArrayList<>();
        if (outcome instanceof StreamPoller.NotModified) {
            return ids;
        }
        ((StreamPoller.Fetched) outcome).events().forEach(e -> ids.add(EventFields.id(e.event())));
        return ids;
    }

    @Test
    void firstPollReadsEveryPageUntil422AndEmitsOldestFirst() throws IOException {
        List<String> fixture = github.stream("events").addFixture("events-page-2013-01-10.json");
        StreamPoller poller = poller("events", 7, StreamOffset.EMPTY);
        StreamPoller.Outcome outcome = poller.poll(api);

        List<String> ids = ids(outcome);
        assertEquals(new HashSet<>(fixture), new HashSet<>(ids));
        assertEquals(30, ids.size());
        // The fixture's inversion (…648 created after …651) is emitted in created_at order, not id order.
        assertTrue(ids.indexOf("1652857651") > ids.indexOf("1652857648"), ids.toString());
        assertEquals("1652857642", ids.get(0));
        assertEquals("1652857722", ids.get(29));
        assertEquals(Duration.ofSeconds(42), ((StreamPoller.Fetched) outcome).pollInterval().orElseThrow());
        // 30 events at 7 per page: pages 1-5 via Link next; no next on the last page, so no 422 request.
        List<RecordedRequest> requests = github.requests("events");
        assertEquals(5, requests.size());
        assertEquals("7", requests.get(0).queryParam("per_page"));
        assertEquals("1652857722", poller.offset().newestId());
    }

    @Test
    void stopsPagingAtThePageThatOverlapsWhatWasEmitted() throws IOException {
        github.stream(REPO).generate(250);
        StreamPoller poller = poller(REPO, 100, StreamOffset.EMPTY);
        assertEquals(250, ids(poller.poll(api)).size());
        github.clearRequests();

        List<String> added = github.stream(REPO).generate(20);
        StreamPoller.Outcome outcome = poller.poll(api);
        assertEquals(new HashSet<>(added), new HashSet<>(ids(outcome)));
        assertEquals(1, github.requests(REPO).size(), "page 1 already overlaps: no second page");
        assertEquals(80, metrics.getDuplicatesSuppressed());
    }

    @Test
    void followsNextPagesWhileNothingOverlapsAndScansEveryEventOfEachPage() throws IOException {
        github.stream(REPO).generate(10);
        StreamPoller poller = poller(REPO, 5, StreamOffset.EMPTY);
        poller.poll(api);
        github.clearRequests();
        List<String> added = github.stream(REPO).generate(12);
        StreamPoller.Outcome outcome = poller.poll(api);
        assertEquals(new HashSet<>(added), new HashSet<>(ids(outcome)));
        // 12 new at 5 per page: pages 1, 2 are all new, page 3 holds 2 new and 3 emitted -> stop.
        assertEquals(List.of(1, 2, 3), github.requests(REPO).stream().map(RecordedRequest::page).toList());
    }

    @Test
    void sendsTheEtagOfTheFirstPageAndTreats304AsNothingNew() throws IOException {
        github.stream(REPO).generate(3);
        StreamPoller poller = poller(REPO, 100, StreamOffset.EMPTY);
        poller.poll(api);
        StreamPoller.Outcome again = poller.poll(api);
        assertInstanceOf(StreamPoller.NotModified.class, again);
        List<RecordedRequest> requests = github.requests(REPO);
        assertNull(requests.get(0).header("if-none-match"));
        assertTrue(requests.get(1).header("if-none-match").startsWith("W/\""), requests.get(1).headers().toString());
        assertEquals(304, requests.get(1).status());
        assertEquals(1, metrics.getNotModified());

        github.stream(REPO).generate(1);
        assertEquals(1, ids(poller.poll(api)).size());
    }

    @Test
    void aFailedLaterPageEmitsNothingAndTheRetryRefetchesEveryPage() throws IOException {
        github.stream(REPO).generate(10);
        StreamPoller poller = poller(REPO, 5, StreamOffset.EMPTY);
        boolean[] failed = {false};
        EventsApi failingPage2 = (uri, etag) -> {
            if (uri.getQuery().contains("page=2") && !failed[0]) {
                failed[0] = true;
                github.script(REPO, Fault.status(502));
            }
            return api.get(uri, etag);
        };
        StreamPoller.Outcome outcome = poller.poll(failingPage2);
        assertEquals(502, assertInstanceOf(StreamPoller.Failed.class, outcome).response().status());
        assertEquals(StreamOffset.EMPTY, poller.offset());

        assertEquals(10, ids(poller.poll(failingPage2)).size(), "the repeated poll emits everything once");
        List<RecordedRequest> requests = github.requests(REPO);
        assertNull(requests.get(2).header("if-none-match"), "the failed poll's ETag was not kept");
    }

    @Test
    void a422PastTheLastPageEndsPagingAndKeepsWhatWasRead() throws IOException {
        List<String> ids = github.stream(REPO).generate(10);
        StreamPoller poller = poller(REPO, 5, StreamOffset.EMPTY);
        boolean[] shrunk = {false};
        EventsApi shrinking = (uri, etag) -> {
            if (uri.getQuery().contains("page=2") && !shrunk[0]) {
                shrunk[0] = true;
                github.stream(REPO).window(5); // the API dropped events: page 2 is now past the end
            }
            return api.get(uri, etag);
        };
        List<String> emitted = ids(poller.poll(shrinking));
        assertEquals(422, github.requests(REPO).get(1).status());
        assertEquals(new HashSet<>(ids.subList(5, 10)), new HashSet<>(emitted));
    }

    @Test
    void eventsSeenOnTwoPagesBecauseTheListShiftedAreEmittedOnce() throws IOException {
        github.stream(REPO).generate(9);
        StreamPoller poller = poller(REPO, 3, StreamOffset.EMPTY);
        boolean[] shifted = {false};
        EventsApi shifting = (uri, etag) -> {
            if (uri.getQuery().contains("page=2") && !shifted[0]) {
                shifted[0] = true;
                github.stream(REPO).generate(2);
            }
            ApiResponse r = api.get(uri, etag);
            return r;
        };
        List<String> ids = ids(poller.poll(shifting));
        assertEquals(9, new HashSet<>(ids).size());
        assertEquals(9, ids.size());
    }

    @Test
    void lateEventsInsideTheWindowAreEmittedOnceAndOlderOnesAreSkipped() throws IOException {
        github.stream(REPO).generate(5);
        StreamPoller poller = poller(REPO, 100, StreamOffset.EMPTY);
        poller.poll(api);
        String late = github.stream(REPO).addLate(Duration.ofHours(2));
        github.stream(REPO).addLate(Duration.ofHours(7));
        assertEquals(List.of(late), ids(poller.poll(api)));
        assertEquals(1, metrics.getLateEvents());
        assertTrue(ids(poller.poll(api)).isEmpty(), "304 or nothing new: the late event is not emitted twice");
    }

    @Test
    void aRestartedPollerEmitsOnlyWhatItsStoredOffsetLacks() throws IOException {
        github.stream(REPO).generate(40);
        StreamPoller first = poller(REPO, 100, StreamOffset.EMPTY);
        StreamPoller.Fetched fetched = (StreamPoller.Fetched) first.poll(api);
        // Only the first 25 records were committed before the restart.
        StreamOffset committed = StreamOffset.fromMap(fetched.events().get(24).offset().toMap());
        List<String> added = github.stream(REPO).generate(5);

        List<String> again = ids(poller(REPO, 100, committed).poll(api));
        Set<String> expected = new HashSet<>(added);
        fetched.events().subList(25, 40).forEach(e -> expected.add(EventFields.id(e.event())));
        assertEquals(expected, new HashSet<>(again));
        assertEquals(20, again.size());
    }

    @Test
    void countsAPossibleGapWhenNothingFetchedOverlapsTheStoredNewestEvent() throws IOException {
        github.stream(REPO).window(20).generate(5, Instant.now().minusSeconds(100));
        StreamPoller poller = poller(REPO, 10, StreamOffset.EMPTY);
        poller.poll(api);
        github.stream(REPO).generate(30);
        assertEquals(20, ids(poller.poll(api)).size());
        assertEquals(1, metrics.getPossibleGaps());
    }
}
