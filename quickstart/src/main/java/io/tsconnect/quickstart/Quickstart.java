package io.tsconnect.quickstart;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * {@code java -jar quickstart/target/tsconnect-quickstart.jar}: the reference pipelines in one JVM, with live
 * progress, until Ctrl-C (or {@code --duration}).
 */
public final class Quickstart {
    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            System.out.println(QuickstartOptions.USAGE);
            return;
        }
        QuickstartOptions options;
        try {
            options = QuickstartOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + QuickstartOptions.USAGE);
            System.exit(2);
            return;
        }
        locateCheckout();
        // Kafka, Connect, HiveMQ and QuestDB log at ERROR here so that the progress stays readable.
        System.setProperty("tsconnect.log.level", System.getProperty("tsconnect.log.level", "ERROR"));
        Console console = new Console(System.out);
        Stack stack = new Stack(options, console);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.step("Stopping");
            // Kafka and Connect log their own shutdown races as errors; none of them matter once we are leaving.
            Configurator.setRootLevel(Level.OFF);
            stack.close();
            console.step("Stopped");
        }, "quickstart-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            console.line("Quickstart failed to start: " + e);
            System.exit(1);
        }
        printWhereToLook(stack, options, console);
        run(stack, options, console);
        System.exit(0);
    }

    private static void run(Stack stack, QuickstartOptions options, Console console) throws InterruptedException {
        Progress progress = new Progress(stack);
        long deadline = options.duration().isZero() ? Long.MAX_VALUE
            : System.nanoTime() + options.duration().toNanos();
        while (System.nanoTime() < deadline) {
            console.line("PROGRESS " + progress.line());
            TimeUnit.SECONDS.sleep(5);
        }
    }

    private static void printWhereToLook(Stack stack, QuickstartOptions options, Console console) {
        int http = stack.questdb.httpPort();
        console.line("");
        console.line("READY");
        console.line("  Connect REST      " + stack.connectUrl() + "/connectors?expand=status");
        console.line("  Kafka bootstrap   " + stack.connect.bootstrapServers());
        console.line("  MQTT broker       " + stack.mqtt.uri() + "  (topics devices/<location>/<device>/<metric>)");
        console.line("  QuestDB console   http://127.0.0.1:" + http + "   PG wire 127.0.0.1:" + stack.questdb.pgPort()
            + " (admin/quest)");
        console.line("  Try in QuestDB:   SELECT location, avg(value) FROM device_readings WHERE metric = 'temp' "
            + "SAMPLE BY 10s;");
        console.line("                    SELECT timestamp, repo, count() FROM github_events SAMPLE BY 5m;");
        if (stack.redis) {
            console.line("  Redis             TS.MRANGE - + FILTER metric=temp   (series such as temp:3:2)");
        }
        console.line("  Data              " + options.dataDir() + "  (QuestDB and MQTT; Kafka's logs are "
            + "temporary)");
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
