package io.tsconnect.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final Machine MACHINE = new Machine(2, 7.5, "Test CPU", "OpenJDK 17", "Linux", 0.12, 3.0);

    @Test
    void aNewRunReplacesOnlyTheRunOfTheSameBenchmark(@TempDir Path dir) {
        Path file = dir.resolve("results.json");
        ResultsFile.store(file, run("redis", 1000, 2000));
        ResultsFile.store(file, run("questdb", 300_000, 450_000));
        ResultsFile.store(file, run("redis", 1500, 2000));
        List<Run> runs = ResultsFile.read(file);
        assertEquals(List.of("questdb", "redis"), runs.stream().map(Run::benchmark).toList());
        assertEquals(1500, runs.get(1).results().get(0).connectorRate());
        assertEquals(MACHINE, runs.get(1).machine());
    }

    @Test
    void redisFiguresSayWhetherARealServerOrTheStandInAnsweredThem() {
        String standIn = Report.markdown(List.of(new Run("redis", "2026-01-01T00:00:00Z", 42, MACHINE, Map.of(),
            List.of(new Result("redis", "fast-path, STAND-IN server", 1, 2, Map.of("server", "stand-in"))),
            List.of())), "benchmarks/results.json");
        assertTrue(standIn.contains("**Stand-in figures**"), standIn);
        assertTrue(!standIn.contains("Real-server figures"), standIn);
        String real = Report.markdown(List.of(new Run("redis", "2026-01-01T00:00:00Z", 42, MACHINE, Map.of(),
            List.of(new Result("redis", "fast-path, real server", 1, 2, Map.of("server", "real"))),
            List.of())), "benchmarks/results.json");
        assertTrue(real.contains("**Real-server figures**"), real);
        assertTrue(!real.contains("Stand-in figures"), real);
    }

    @Test
    void everyRoundOfAResultWithATargetIsShownSoARoundBelowItIsSeen() {
        String md = Report.markdown(List.of(new Run("redis", "2026-01-01T00:00:00Z", 42, MACHINE, Map.of(),
            List.of(new Result("redis", "fast-path, real server", 640, 1000, Map.of("server", "real", "target", 0.6,
                "ratios", List.of(0.59, 0.73, 0.64))), new Result("redis", "no target", 1, 2,
                Map.of("ratios", List.of(0.5, 0.5)))), List.of())), "benchmarks/results.json");
        assertTrue(md.contains("| variant | round 1 | round 2 | round 3 | target |"), md);
        assertTrue(md.contains("| fast-path, real server | 0.59 | 0.73 | 0.64 | ≥ 0.6 |"), md);
        assertTrue(!md.contains("| no target | 0.50"), md);
        assertTrue(!md.contains("JIT compilers busy"), "no compiler table without the figure: " + md);
    }

    @Test
    void eachRoundsCompilerShareIsShownBesideTheRatiosWhenRecorded() {
        String md = Report.markdown(List.of(new Run("redis", "2026-01-01T00:00:00Z", 42, MACHINE, Map.of(),
            List.of(new Result("redis", "json-converter, real server", 440, 1000, Map.of("server", "real", "target",
                0.4, "ratios", List.of(0.38, 0.44), "compilerShares", List.of(1.17, 0.42)))), List.of())),
            "benchmarks/results.json");
        assertTrue(md.contains("JIT compilers busy in each round's measured window"), md);
        assertTrue(md.contains("| json-converter, real server | 117% | 42% |"), md);
        assertTrue(!md.contains("Cores the benchmark's JVM kept busy"), "no cores table without the figure: " + md);
    }

    @Test
    void eachRoundsCoresBusyIsShownForConnectorAndRawLoopWhenRecorded() {
        String md = Report.markdown(List.of(new Run("questdb", "2026-01-01T00:00:00Z", 42, MACHINE, Map.of(),
            List.of(new Result("questdb", "fast-path", 440, 1000, Map.of("target", 0.8, "ratios", List.of(0.4, 0.44),
                "coresBusyRounds", List.of(1.95, 1.9), "rawCoresBusyRounds", List.of(1.6, 1.7)))), List.of())),
            "benchmarks/results.json");
        assertTrue(md.contains("| fast-path | 1.95 / 1.6 | 1.9 / 1.7 |"), md);
        assertTrue(!md.contains("CPU per row"), "no CPU-per-row table without the figure: " + md);
    }

    @Test
    void eachRoundsCpuPerRowIsShownForConnectorAndRawLoopBesideTheCompilersWhenRecorded() {
        String md = Report.markdown(List.of(new Run("questdb", "2026-01-01T00:00:00Z", 42, MACHINE, Map.of(),
            List.of(new Result("questdb", "fast-path", 440, 1000, Map.of("target", 0.8, "ratios", List.of(0.4, 0.44),
                "cpuMicrosPerRowRounds", List.of(2.31, 2.2), "rawCpuMicrosPerRowRounds", List.of(1.35, 1.4),
                "compilerCoresRounds", List.of(0.45, 0.1)))), List.of())), "benchmarks/results.json");
        assertTrue(md.contains("CPU per row in each round's measured window"), md);
        assertTrue(md.contains("| fast-path | 2.31 / 1.35, compilers 0.45 | 2.2 / 1.4, compilers 0.1 |"), md);
    }

    @Test
    void eachRoundsQuestDbRequestTimePerRowIsShownBesideTheConnectorsAndTheRawLoopsWallTimePerRow() {
        String md = Report.markdown(List.of(new Run("questdb", "2026-01-01T00:00:00Z", 42, MACHINE, Map.of(),
            List.of(new Result("questdb", "fast-path", 500_000, 1_000_000, Map.of("target", 0.8, "ratios",
                List.of(0.5, 0.8), "connectorRuns", List.of(500_000L, 800_000L), "rawRuns",
                List.of(1_000_000L, 1_000_000L), "requestMicrosPerRowRounds", List.of(1.3, 1.1))),
                new Result("questdb", "official", 300_000, 1_000_000, Map.of("ratios", List.of(0.3, 0.3)))),
            List.of())), "benchmarks/results.json");
        assertTrue(md.contains("Time the connector's requests to QuestDB took per row"), md);
        assertTrue(md.contains("| fast-path | 1.3 of 2.00 (raw loop 1.00) | 1.1 of 1.25 (raw loop 1.00) |"), md);
        String table = md.substring(md.indexOf("Time the connector's requests"));
        table = table.substring(0, table.indexOf("\n\n", table.indexOf("| fast-path |")));
        assertTrue(!table.contains("| official |"), "no row for a connector without the figure: " + table);
    }

    @Test
    void eachRoundsThreadCpuPerRowIsShownWithTheCeilingOursLeavesAndTheOfficialConnectorsTaskThreadAlone() {
        String md = Report.markdown(List.of(new Run("questdb", "2026-01-01T00:00:00Z", 42, MACHINE, Map.of(),
            List.of(new Result("questdb", "fast-path", 500_000, 1_000_000, Map.of("target", 0.8, "ratios",
                List.of(0.5, 0.6), "taskMicrosPerRowRounds", List.of(0.9, 0.8), "senderMicrosPerRowRounds",
                List.of(1.1, 1.0), "rawClientMicrosPerRowRounds", List.of(0.5, 0.45), "ownCeilingRounds",
                List.of(0.78, 0.83))),
                new Result("questdb", "official", 300_000, 1_000_000, Map.of("ratios", List.of(0.3, 0.3),
                    "taskMicrosPerRowRounds", List.of(3.2, 3.1), "rawClientMicrosPerRowRounds", List.of(0.5, 0.45)))),
            List.of())), "benchmarks/results.json");
        assertTrue(md.contains("CPU time per row of the connector's own threads"), md);
        assertTrue(md.contains("| fast-path | task 0.9, senders 1.1 (raw client 0.5): ceiling 0.78 "
            + "| task 0.8, senders 1.0 (raw client 0.45): ceiling 0.83 |"), md);
        assertTrue(md.contains("| official | task 3.2 (raw client 0.5) | task 3.1 (raw client 0.45) |"), md);
    }

    @Test
    void reportShowsFiguresRatioMachineAndTheCommandAndWritesCharts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("benchmarks/results.json");
        ResultsFile.store(file, run("questdb", 300_000, 450_000));
        ResultsFile.store(file, new Run("latency", "2026-01-01T00:00:00Z", 60, MACHINE, Map.of(), List.of(
            new Result("latency", "rate=1000", 998, 0, Map.of("targetRate", 1000, "samples", 9980, "p50Ms", 12.5,
                "p99Ms", 40.25, "maxMs", 51.0, "flushIntervalMs", 1000, "flushShipped", true)),
            new Result("latency", "rate=1000 flush.interval.ms=100", 999, 0, Map.of("targetRate", 1000, "samples",
                9990, "p50Ms", 2.5, "p99Ms", 4.0, "maxMs", 5.0, "flushIntervalMs", 100, "flushShipped", false))),
            List.of("polled every 20 ms")));
        Report.render(file, dir);
        String md = Files.readString(dir.resolve("BENCHMARKS.md"));
        assertTrue(md.contains("| fast-path | 300,000 | 450,000 | 0.67 | ≥ 0.6 |"), md);
        assertTrue(md.contains("| 1,000 (as shipped) | 1,000 | 998 | 9,980 | 12.5 | 40.3 | 51.0 |"), md);
        assertTrue(md.contains("| 100 | 1,000 | 999 | 9,990 | 2.5 | 4.0 | 5.0 |"), md);
        assertTrue(md.contains("| 2 | Test CPU | 7.5 GiB | OpenJDK 17 | Linux | 0.12 | 3 % |"), md);
        assertTrue(md.contains("mvn -B -DskipTests package && java -jar benchmarks/target/tsconnect-benchmarks.jar "
            + "all"), md);
        assertTrue(md.contains("- polled every 20 ms"), md);
        assertTrue(md.contains("from benchmarks/results.json"), md);
        assertTrue(md.contains("](benchmarks/throughput-questdb.png)"), md);
        assertTrue(!md.contains("busy machine"), md);
        for (String png : List.of("throughput-questdb.png", "latency.png")) {
            byte[] bytes = Files.readAllBytes(dir.resolve("benchmarks").resolve(png));
            assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png);
        }
    }

    @Test
    void runsOnABusyMachineAreFlagged(@TempDir Path dir) throws Exception {
        Machine busy = new Machine(2, 7.5, "Test CPU", "OpenJDK 17", "Linux", 0.5, 64.0);
        String md = Report.markdown(List.of(new Run("redis", "2026-01-01T00:00:00Z", 42, busy, Map.of(), List.of(
            new Result("redis", "stand-in server", 1, 2, Map.of())), List.of())), "benchmarks/results.json");
        assertTrue(md.contains("**Measured on a busy machine** (CPU 64% busy with other work"), md);
    }

    @Test
    void aHighLoadAverageAloneIsNotBusyWhenTheCpuWasIdleBeforeTheStart() throws Exception {
        // The load average still counts the benchmark that ran just before in the same `all` run.
        Machine quiet = new Machine(2, 7.5, "Test CPU", "OpenJDK 17", "Linux", 3.9, 2.0);
        String md = Report.markdown(List.of(new Run("redis", "2026-01-01T00:00:00Z", 42, quiet, Map.of(), List.of(
            new Result("redis", "stand-in server", 1, 2, Map.of())), List.of())), "benchmarks/results.json");
        assertTrue(!md.contains("busy machine"), md);
        assertTrue(md.contains("| 3.90 | 2 % |"), md);
    }

    private static Run run(String benchmark, double connector, double raw) {
        return new Run(benchmark, "2026-01-01T00:00:00Z", 42, MACHINE, Map.of("n", "1000"), List.of(
            new Result(benchmark, "fast-path", connector, raw, Map.of("target", 0.6))), List.of());
    }
}
