package io.tsconnect.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * One run of one benchmark as stored in the results file: when, where, with which options, what was measured and
 * what a reader must know to read the figures (e.g. that a stand-in server was used).
 *
 * @param benchmark the benchmark command, e.g. {@code questdb}
 * @param startedAt ISO-8601 start time
 * @param seconds how long the run took
 * @param machine the machine and its load when the run started
 * @param options the command-line options given
 * @param results the figures
 * @param notes caveats printed with the figures
 */
public record Run(String benchmark, String startedAt, double seconds, Machine machine, Map<String, String> options,
                  List<Result> results, List<String> notes) {
}
