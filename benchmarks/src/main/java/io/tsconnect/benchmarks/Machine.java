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
 * @param loadAverage the 1-minute load average when the run started (other work on the machine)
 */
public record Machine(int cores, double memoryGb, String cpu, String jdk, String os, double loadAverage) {

    /** Describes this machine now. */
    public static Machine current() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        double memory = os instanceof com.sun.management.OperatingSystemMXBean sun
            ? sun.getTotalMemorySize() / (1024.0 * 1024 * 1024) : Double.NaN;
        return new Machine(Runtime.getRuntime().availableProcessors(), Math.round(memory * 10) / 10.0, cpuModel(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
            distribution() + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"),
            currentLoadAverage());
    }

    /** The 1-minute load average now (-1 when the platform does not say). */
    public static double currentLoadAverage() {
        return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }

    /** One line for console output and the report. */
    public String summary() {
        return String.format("%d cores (%s), %.1f GiB RAM, %s, %s; load average %.2f at start", cores, cpu,
            memoryGb, jdk, os, loadAverage);
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
