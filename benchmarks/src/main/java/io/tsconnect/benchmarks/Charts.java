package io.tsconnect.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * PNG charts of a run with XChart: throughput bars (connector vs raw), latency percentiles per rate, or the GitHub
 * source's quota, duplicates and gaps beside a naive poller's.
 */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private Charts() {
    }

    /** The chart file of a benchmark. */
    public static String fileName(String benchmark) {
        return switch (benchmark) {
            case "latency" -> "latency.png";
            case "github" -> "github.png";
            default -> "throughput-" + benchmark + ".png";
        };
    }

    /** Writes the chart of {@code run} into {@code dir}. */
    public static void write(Run run, Path dir) throws IOException {
        CategoryChart chart = switch (run.benchmark()) {
            case "latency" -> latency(run);
            case "github" -> github(run);
            default -> throughput(run);
        };
        BitmapEncoder.saveBitmap(chart, dir.resolve(fileName(run.benchmark())).toString(),
            BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart throughput(Run run) {
        CategoryChart chart = base(run.benchmark() + ": connector vs raw client (same server, same run)"
            + (Report.busy(run.machine()) ? " - BUSY MACHINE" : ""), Report.unit(run.benchmark()));
        List<String> variants = run.results().stream().map(Result::variant).toList();
        if (variants.size() > 4) {
            // Long names side by side overlap at a shallow angle.
            chart.getStyler().setXAxisLabelRotation(40);
            chart.getStyler().setLabelsVisible(false);
        }
        chart.addSeries("connector", variants, run.results().stream().map(Result::connectorRate).toList());
        chart.addSeries("raw client", variants, run.results().stream().map(Result::rawRate).toList());
        return chart;
    }

    private static CategoryChart latency(Run run) {
        CategoryChart chart = base("MQTT publish -> row visible in QuestDB, by rate and sink flush.interval.ms "
            + "(* as shipped)" + (Report.busy(run.machine()) ? " - BUSY MACHINE" : ""), "latency (ms)");
        chart.getStyler().setXAxisLabelRotation(25);
        List<String> rates = run.results().stream().map(r -> String.format("%,.0f msg/s, flush %s",
            r.connectorRate(), Report.flushInterval(r).replace(" (as shipped)", "*"))).toList();
        chart.addSeries("p50", rates, run.results().stream().map(r -> Report.number(r.extra(), "p50Ms")).toList());
        chart.addSeries("p99", rates, run.results().stream().map(r -> Report.number(r.extra(), "p99Ms")).toList());
        return chart;
    }

    private static CategoryChart github(Run run) {
        CategoryChart chart = base("GitHub events: quota used and events missed per 1,000 events (duplicates: see "
            + "the table)" + (Report.busy(run.machine()) ? " - BUSY MACHINE" : ""), "per 1,000 events");
        List<String> measures = List.of("requests counted against the rate limit", "events never delivered");
        for (Result r : run.results()) {
            double events = Report.number(r.extra(), "events");
            chart.addSeries(r.variant(), measures, List.of(Report.number(r.extra(), "quotaPer1000Events"),
                1000 * Report.number(r.extra(), "missed") / events));
        }
        return chart;
    }

    private static CategoryChart base(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,###");
        chart.getStyler().setXAxisLabelRotation(15);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }
}
