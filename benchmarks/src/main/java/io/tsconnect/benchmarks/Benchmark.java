package io.tsconnect.benchmarks;

/** One benchmark command: starts what it measures, prints figures and records them in a {@link Recorder}. */
public interface Benchmark {
    /** The command name, e.g. {@code questdb}. */
    String name();

    /** What the benchmark measures, for the usage text. */
    String description();

    /** Runs the benchmark. */
    void run(Options options, Recorder recorder) throws Exception;
}
