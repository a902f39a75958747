package io.tsconnect.benchmarks;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects the figures and notes of one benchmark run, prints each as it comes, and stores the run in the results
 * file at the end, so a run's output and the report always agree.
 */
public final class Recorder {
    private final String benchmark;
    private final Machine machine = Machine.current();
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final List<Result> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Recorder(String benchmark) {
        this.benchmark = benchmark;
        System.out.println("== " + benchmark + " on " + machine.summary());
    }

    /** Records and prints a connector figure beside its raw limit. */
    public void result(Result result) {
        results.add(result);
        System.out.println(Report.line(result));
    }

    /** Records and prints a caveat the reader of the figures must know. */
    public void note(String note) {
        notes.add(note);
        System.out.println("   note: " + note);
    }

    /** Prints progress that is not part of the results. */
    public void step(String what) {
        System.out.println(" - " + what);
    }

    /** Writes the run to {@code file}. */
    public Run store(Path file, Map<String, String> options) {
        double seconds = Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
        Run run = new Run(benchmark, started.truncatedTo(ChronoUnit.SECONDS).toString(), seconds, machine, options,
            List.copyOf(results), List.copyOf(notes));
        ResultsFile.store(file, run);
        System.out.printf("== %s done in %.0f s; results in %s%n", benchmark, seconds, file);
        return run;
    }
}
