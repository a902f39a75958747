package io.tsconnect.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ResultTest {
    private static Result round(double connector, double raw) {
        return new Result("questdb", "fast-path", connector, raw, Map.of("target", 0.6));
    }

    @Test
    void medianRoundIsChosenByRatioNotByRateAndKeepsEveryRound() {
        // By rate the median connector round is 250; by ratio (0.50 / 0.63 / 0.40) it is the 300/600 round.
        List<Result> rounds = List.of(round(300, 600), round(250, 400), round(200, 500));
        Result median = Result.medianRound(rounds);
        assertEquals(300, median.connectorRate());
        assertEquals(600, median.rawRate(), "the raw rate of the same round, not another round's");
        assertEquals(List.of(300L, 250L, 200L), median.extra().get("connectorRuns"));
        assertEquals(List.of(600L, 400L, 500L), median.extra().get("rawRuns"));
        assertEquals(List.of(0.5, 0.63, 0.4), median.extra().get("ratios"));
        assertEquals(0.6, median.extra().get("target"));
    }

    @Test
    void medianRoundKeepsEachRoundsCompilerShareInRoundOrderWhenEveryRoundHasOne() {
        Result a = new Result("redis", "json", 400, 1000, Map.of("compilerShare", 0.9));
        Result b = new Result("redis", "json", 500, 1000, Map.of("compilerShare", 0.2));
        Result c = new Result("redis", "json", 450, 1000, Map.of("compilerShare", 0.4));
        assertEquals(List.of(0.9, 0.2, 0.4), Result.medianRound(List.of(a, b, c)).extra().get("compilerShares"));
        Result unknown = new Result("redis", "json", 450, 1000, Map.of());
        assertFalse(Result.medianRound(List.of(a, unknown)).extra().containsKey("compilerShares"),
            "a round without the figure leaves the list out rather than misaligning it");
    }

    @Test
    void medianRoundKeepsEachRoundsCoresBusyOfConnectorAndRawLoop() {
        Result a = new Result("questdb", "fast", 400, 1000, Map.of("coresBusy", 1.9, "rawCoresBusy", 1.7));
        Result b = new Result("questdb", "fast", 500, 1000, Map.of("coresBusy", 2.0, "rawCoresBusy", 1.8));
        Result median = Result.medianRound(List.of(a, b));
        assertEquals(List.of(1.9, 2.0), median.perRound("coresBusy"));
        assertEquals(List.of(1.7, 1.8), median.perRound("rawCoresBusy"));
    }

    @Test
    void requestTimePerRowIsKeptPerRoundAndLeftOutWhereTheConnectorDoesNotReportIt() {
        java.util.HashMap<String, Object> ours = new java.util.HashMap<>();
        Result.putRequestTime(ours, 1.23456);
        java.util.HashMap<String, Object> official = new java.util.HashMap<>();
        Result.putRequestTime(official, Double.NaN);
        assertEquals(Map.of("requestMicrosPerRow", 1.23), ours);
        assertEquals(Map.of(), official);
        Result median = Result.medianRound(List.of(new Result("questdb", "fast", 400, 1000, ours),
            new Result("questdb", "fast", 500, 1000, Map.of("requestMicrosPerRow", 1.1))));
        assertEquals(List.of(1.23, 1.1), median.perRound("requestMicrosPerRow"));
    }

    @Test
    void threadFiguresAreKeptPerRoundAndThoseNotKnownAreLeftOut() {
        java.util.HashMap<String, Object> ours = new java.util.HashMap<>();
        Result.putThreadFigures(ours, 0.91234, 1.10987, 0.4567, 0.8149);
        java.util.HashMap<String, Object> official = new java.util.HashMap<>();
        Result.putThreadFigures(official, 3.2, Double.NaN, 0.5, Double.NaN);
        assertEquals(Map.of("taskMicrosPerRow", 0.91, "senderMicrosPerRow", 1.11, "rawClientMicrosPerRow", 0.46,
            "ownCeiling", 0.81), ours);
        assertEquals(Map.of("taskMicrosPerRow", 3.2, "rawClientMicrosPerRow", 0.5), official);
        Result median = Result.medianRound(List.of(new Result("questdb", "fast", 400, 1000, ours),
            new Result("questdb", "fast", 500, 1000, Map.of("taskMicrosPerRow", 0.8, "senderMicrosPerRow", 1.0,
                "rawClientMicrosPerRow", 0.4, "ownCeiling", 0.9))));
        assertEquals(List.of(1.11, 1.0), median.perRound("senderMicrosPerRow"));
        assertEquals(List.of(0.81, 0.9), median.perRound("ownCeiling"));
    }

    @Test
    void windowFiguresComeFromTheConnectorsAndTheRawLoopsWindows() {
        java.util.HashMap<String, Object> extra = new java.util.HashMap<>();
        // Connector: 2 s window, 500 ms compiling, 3.8 s CPU; raw loop: 1 s window, 1.7 s CPU, compiling unknown.
        Result.putWindowFigures(extra, new CountWatch.Outcome(0, 1_000_000_000L, 1, 3_000_000_000L, 9, true, 500,
            3800, -1), new CountWatch.Outcome(0, 1_000_000_000L, 1, 2_000_000_000L, 9, true, -1, 1700, -1));
        assertEquals(Map.of("compilerShare", 0.25, "coresBusy", 1.9, "rawCoresBusy", 1.7), extra);
    }

    @Test
    void cpuPerRowLeavesOutTheCompilerThreadsWhereTheirCpuIsKnown() {
        java.util.HashMap<String, Object> extra = new java.util.HashMap<>();
        // Connector: 1,000,000 rows after the first in a 2 s window, 3.8 s CPU of which the compilers 0.6 s: 1.6 cores
        // for 500,000 rows/s is 3.2 µs a row. Raw loop: 1,000,000 rows in 1 s, 1.7 s CPU, compilers 0.1 s: 1.6 µs.
        Result.putWindowFigures(extra, new CountWatch.Outcome(0, 1_000_000_000L, 1, 3_000_000_000L, 1_000_001, true,
            500, 3800, 600), new CountWatch.Outcome(0, 1_000_000_000L, 1, 2_000_000_000L, 1_000_001, true, -1, 1700,
            100));
        assertEquals(3.2, (double) extra.get("cpuMicrosPerRow"), 1e-9);
        assertEquals(1.6, (double) extra.get("rawCpuMicrosPerRow"), 1e-9);
        assertEquals(0.3, (double) extra.get("compilerCores"), 1e-9);
    }
}
