package dev.weatheragent.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians, percentiles and the benchmark's one-line-per-figure output. */
final class Stats {

    private Stats() {
    }

    static double millisSince(Instant start) {
        return Duration.between(start, Instant.now()).toNanos() / 1e6;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The nearest-rank percentile. */
    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static void print(String figure, double value, String unit, String note) {
        System.out.printf("%-62s %10.1f %-10s %s%n", figure, value, unit, note);
    }
}
