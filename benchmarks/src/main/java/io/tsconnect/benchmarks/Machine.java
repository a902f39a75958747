package io.tsconnect.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a run was measured on: what a reader needs to compare figures.
 *
 * @param cores available processors
 * @param memoryGb physical memory in GiB
 * @param cpu CPU model (from /proc/cpuinfo), or "unknown"
 * @param jdk JVM name and version
 * @param os operating system name, version and architecture (with the distribution when known)
 * @param loadAverage the 1-minute load average when the run started (it still counts a benchmark that just ended)
 * @param cpuBusyBefore percent of all cores' time spent busy during the {@value #SAMPLE_MS} ms before the run
 *     started, while this tool did nothing (other work on the machine), or -1 when the platform does not say
 */
public record Machine(int cores, double memoryGb, String cpu, String jdk, String os, double loadAverage,
                      double cpuBusyBefore) {
    static final long SAMPLE_MS = 3000;

    /** Describes this machine now. */
    public static Machine current() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        double memory = os instanceof com.sun.management.OperatingSystemMXBean sun
            ? sun.getTotalMemorySize() / (1024.0 * 1024 * 1024) : Double.NaN;
        return new Machine(Runtime.getRuntime().availableProcessors(), Math.round(memory * 10) / 10.0, cpuModel(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + FixedHeap.flags(),
            distribution() + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"),
            currentLoadAverage(), cpuBusyPercent(SAMPLE_MS));
    }

    /** Percent of all cores' time not idle over the next {@code millis} (from /proc/stat), or -1 when unknown. */
    static double cpuBusyPercent(long millis) {
        long[] before = cpuTimes();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        long[] after = cpuTimes();
        if (before == null || after == null || after[0] <= before[0]) {
            return -1;
        }
        double idle = (double) (after[1] - before[1]) / (after[0] - before[0]);
        return Math.round((1 - idle) * 1000) / 10.0;
    }

    /** {total, idle + iowait} jiffies of all CPUs, or null. */
    private static long[] cpuTimes() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The 1-minute load average now (-1 when the platform does not say). */
    public static double currentLoadAverage() {
        return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }

    /** One line for console output and the report. */
    public String summary() {
        return String.format("%d cores (%s), %.1f GiB RAM, %s, %s; load average %.2f, CPU %.0f%% busy before the "
            + "start", cores, cpu, memoryGb, jdk, os, loadAverage, cpuBusyBefore);
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name", ":").orElse("unknown");
    }

    private static String distribution() {
        return firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", "=").map(v -> v.replace("\"", "") + ", ")
            .orElse("");
    }

    private static java.util.Optional<String> firstValue(Path file, String key, String separator) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(separator) + 1)
                .trim()).findFirst();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
