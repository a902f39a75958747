package io.tsconnect.quickstart;

import java.io.PrintStream;

/** What the quickstart tells its user: steps while starting, notes, then progress lines. */
final class Console {
    private final PrintStream out;
    private final long start = System.nanoTime();

    Console(PrintStream out) {
        this.out = out;
    }

    void step(String what) {
        out.printf("[%5.1fs] %s%n", (System.nanoTime() - start) / 1e9, what);
    }

    void note(String what) {
        out.println("        " + what);
    }

    void line(String text) {
        out.println(text);
    }
}
