package io.tsconnect.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tsconnect.testsupport.ConnectHarness;
import io.tsconnect.testsupport.github.GithubReplayServer;
import io.tsconnect.testsupport.questdb.EmbeddedQuestDb;

/**
 * The GitHub reference pipeline through the real {@code connector-configs} files: recorded GitHub responses (the
 * 2013 page) and generated events, replayed as the events API serves them, land in the QuestDB table
 * {@code github_events}, where the dashboard's {@code SAMPLE BY 5m} query counts every repository's events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GithubPipelineIT {
    private GithubReplayServer github;
    private EmbeddedQuestDb questdb;
    private ConnectHarness harness;
    private Map<String, Long> expectedPerRepo;
    private int expectedEvents;

    @BeforeAll
    void startPipeline() {
        github = GithubReplayServer.start();
        github.pollInterval(1);
        github.stream("events").addFixture("events-page-2013-01-10.json");
        github.stream("events").generate(45, Instant.parse("2026-11-01T10:00:00Z"));
        expectedPerRepo = new TreeMap<>();
        List<ObjectNode> served = github.stream("events").snapshot();
        served.forEach(e -> expectedPerRepo.merge(e.path("repo").path("name").asText(), 1L, Long::sum));
        expectedEvents = served.size();

        questdb = EmbeddedQuestDb.start();
        harness = ConnectHarness.builder().plugins("github-events-source-connector", "questdb-sink-connector")
            .start();
        Map<String, String> source = new HashMap<>();
        source.put("github.api.url", github.baseUrl());
        source.put("github.token", null);
        source.put("github.poll.interval.min.ms", "1000");
        harness.startConnectorFile("github-events-source.json", source, 1);
        harness.startConnectorFile("questdb-sink-github.json", Map.of("client.conf.string", questdb.ilpHttpConf()),
            1);
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (questdb != null) {
            questdb.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void sampleByFiveMinutesCountsEveryRepositorysEvents() {
        questdb.awaitRowCount("github_events", expectedEvents, Duration.ofSeconds(90));
        assertEquals("SYMBOL", questdb.columnTypes("github_events").get("repo"));
        assertEquals("SYMBOL", questdb.columnTypes("github_events").get("type"));
        assertEquals("VARCHAR", questdb.columnTypes("github_events").get("id"));
        assertEquals(List.of("timestamp", "id"), questdb.query("SELECT \"column\" FROM table_columns('github_events') "
            + "WHERE upsertKey").stream().map(r -> r.get("column")).toList(),
            "created with DEDUP UPSERT KEYS(timestamp, id): a replay leaves no duplicate");

        Map<String, Long> counted = new TreeMap<>();
        for (Map<String, Object> row : questdb.query(
            "SELECT timestamp, repo, count() FROM github_events SAMPLE BY 5m")) {
            assertEquals(List.of("timestamp", "repo", "count()"), List.copyOf(row.keySet()), row.toString());
            counted.merge((String) row.get("repo"), ((Number) row.get("count()")).longValue(), Long::sum);
        }
        assertEquals(expectedPerRepo, counted);
    }

    @Test
    void recordedEventsKeepTheirTimeAndType() {
        questdb.awaitRowCount("github_events", expectedEvents, Duration.ofSeconds(90));
        List<Map<String, Object>> recorded = questdb.query(
            "SELECT type, count() n FROM github_events WHERE timestamp < '2014-01-01' ORDER BY type");
        Map<String, Long> byType = new TreeMap<>();
        recorded.forEach(r -> byType.put((String) r.get("type"), ((Number) r.get("n")).longValue()));
        // The 2013 page: Push 13, Watch 6, Create 3, Fork 3, IssueComment 2, Gollum 2, Issues 1.
        assertEquals(Map.of("PushEvent", 13L, "WatchEvent", 6L, "CreateEvent", 3L, "ForkEvent", 3L,
            "IssueCommentEvent", 2L, "GollumEvent", 2L, "IssuesEvent", 1L), byType);
        assertTrue(questdb.query("SELECT * FROM github_events WHERE actor IS NULL").isEmpty(),
            "every event names its actor");
    }
}
