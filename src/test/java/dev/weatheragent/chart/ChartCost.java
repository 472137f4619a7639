package dev.weatheragent.chart;

import dev.weatheragent.weather.Units;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Measures what charts cost a running JVM: resident memory, heap and loaded classes before and after the first
 * chart, and the time of the first (cold) and later (warm) charts. Not a test; run it as the container runs the app,
 * e.g. {@code java -Xmx64m -XX:+UseSerialGC -cp ... dev.weatheragent.chart.ChartCost}.
 */
public final class ChartCost {

    private ChartCost() {
    }

    public static void main(String[] args) throws IOException {
        ChartData data = ChartData.of(Forecasts.typical("Europe/Kyiv", LocalDate.of(2026, 11, 28), 3), 5,
                Units.METRIC, Instant.parse("2026-11-28T12:00:00Z"));
        ChartLabels labels = ForecastChartRendererTest.labels("Kyiv, Kyiv City, Ukraine", Units.METRIC,
                Locale.ENGLISH);
        report("before");
        long start = System.nanoTime();
        byte[] png = new ForecastChartRenderer().render(data, labels);
        System.out.printf("first chart: %d ms, %d bytes%n", (System.nanoTime() - start) / 1_000_000, png.length);
        report("after first");
        int warm = 20;
        start = System.nanoTime();
        for (int i = 0; i < warm; i++) {
            png = new ForecastChartRenderer().render(data, labels);
        }
        System.out.printf("warm chart: %d ms each%n", (System.nanoTime() - start) / 1_000_000 / warm);
        report("after " + (warm + 1));
    }

    private static void report(String when) throws IOException {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
        System.out.printf("%-12s %s, heap used %d KB, classes %d, non-heap used %d KB%n", when, rss,
                (rt.totalMemory() - rt.freeMemory()) / 1024,
                ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(),
                ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed() / 1024);
    }
}
