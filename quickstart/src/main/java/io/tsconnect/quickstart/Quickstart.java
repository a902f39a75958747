package io.tsconnect.quickstart;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.utils.Exit;

/**
 * {@code java -jar quickstart/target/tsconnect-quickstart.jar}: the reference pipelines in one JVM, with live
 * progress, until Ctrl-C (or {@code --duration}). The data directory keeps Kafka's, QuestDB's and the MQTT
 * broker's data, so a second run resumes the first; {@code --fresh} starts from empty.
 */
public final class Quickstart {
    /** This process's hold on its data directory, for its whole life. */
    private static FileLock dataLock;

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            System.out.println(QuickstartOptions.USAGE);
            return;
        }
        QuickstartOptions options = options(args);
        locateCheckout();
        DataDir data = new DataDir(options.dataDir());
        dataLock = data.lock().orElse(null);
        if (dataLock == null) {
            System.err.println("Another quickstart (pid " + data.holder() + ") is running on " + data.root()
                + ": stop it first, or give this one another --data-dir. Nothing was started or deleted.");
            System.exit(1);
        }
        boolean resumed = data.hasState() && !options.fresh();
        if (options.fresh()) {
            data.wipe();
        }
        Console console = new Console(System.out);
        redirectOutput(data.log());
        Stack stack = new Stack(options, data, console);
        // Kafka and Connect register shutdown hooks of their own, which would stop Connect while Kafka is already
        // going (its tasks then wait out their timeouts): one hook stops everything, in order.
        Exit.setShutdownHookAdder((name, hook) -> { });
        CountDownLatch stopping = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            console.step("Stopping");
            stack.close();
            console.step("Stopped");
        }, "quickstart-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            console.line("Quickstart failed to start: " + e + " (details in " + data.log() + ")");
            e.printStackTrace();
            System.exit(1);
        }
        printWhereToLook(stack, data, resumed, console);
        run(stack, options, console, stopping);
        System.exit(0);
    }

    /** The parsed command line; exits with status 2 and the usage when it is wrong. */
    private static QuickstartOptions options(String[] args) {
        try {
            return QuickstartOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + QuickstartOptions.USAGE);
            System.exit(2);
            throw e;
        }
    }

    /**
     * Sends everything the services print or log to {@code log}: the console keeps only the quickstart's lines.
     * Log4j reads {@code quickstart-log4j2.xml} (set before any logger exists).
     */
    private static void redirectOutput(Path log) throws IOException {
        System.setProperty("tsconnect.quickstart.log", log.toString());
        System.setProperty("log4j2.configurationFile", "quickstart-log4j2.xml");
        PrintStream file = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8);
        System.setOut(file);
        System.setErr(file);
    }

    /** Prints a progress line every 5 s until {@code --duration} has passed or the quickstart is stopping. */
    private static void run(Stack stack, QuickstartOptions options, Console console, CountDownLatch stopping)
        throws InterruptedException {
        Progress progress = new Progress(stack);
        long deadline = options.duration().isZero() ? Long.MAX_VALUE
            : System.nanoTime() + options.duration().toNanos();
        while (System.nanoTime() < deadline) {
            String line = progress.line();
            if (stopping.getCount() == 0) {
                return;
            }
            console.line("PROGRESS " + line);
            if (stopping.await(5, TimeUnit.SECONDS)) {
                return;
            }
        }
    }

    private static void printWhereToLook(Stack stack, DataDir data, boolean resumed, Console console) {
        int http = stack.questdb.httpPort();
        console.line("");
        console.line("READY");
        console.line("  Connect REST      " + stack.connect.url() + "/connectors?expand=status");
        console.line("  Kafka bootstrap   " + stack.kafka.bootstrapServers());
        console.line("  MQTT broker       " + stack.mqtt.uri() + "  (topics devices/<location>/<device>/<metric>)");
        console.line("  Alerts            devices/<location>/<device>/alerts: temperatures above 40, published by "
            + "the MQTT sink");
        console.line("  QuestDB console   http://127.0.0.1:" + http + "   PG wire 127.0.0.1:" + stack.questdb.pgPort()
            + " (admin/quest)");
        console.line("  Try in QuestDB:   SELECT location, avg(value) FROM device_readings WHERE metric = 'temp' "
            + "SAMPLE BY 10s;");
        console.line("                    SELECT timestamp, repo, count() FROM github_events SAMPLE BY 5m;");
        if (stack.redis) {
            console.line("  Redis             TS.MRANGE - + FILTER metric=temp   (series such as temp:3:2)");
        }
        console.line("  Data              " + data.root() + (resumed
            ? "  (resumed: the topics, offsets, MQTT sessions and tables of the last run)"
            : "  (new: kept for the next run; --fresh starts from empty)"));
        console.line("  Log               " + data.log() + "  (Kafka, Connect, connectors, HiveMQ, QuestDB)");
        console.line("  Stop              Ctrl-C");
        console.line("");
    }

    /** Plugins and connector-configs are found relative to the jar: quickstart/target/ in the checkout. */
    private static void locateCheckout() throws URISyntaxException {
        if (System.getProperty("tsconnect.root") != null) {
            return;
        }
        Path jar = Path.of(Quickstart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = jar.getParent() == null ? null : jar.getParent().getParent();
        root = root == null ? null : root.getParent();
        if (root != null && Files.isDirectory(root.resolve("connector-configs"))) {
            System.setProperty("tsconnect.root", root.toString());
        }
    }
}
