package dev.weatheragent.config;

import java.util.OptionalInt;

/**
 * Where the Prometheus scrape endpoint listens, if anywhere.
 *
 * @param port {@code METRICS_PORT}; empty: no metrics server at all (the default)
 * @param host {@code METRICS_HOST}, the address it binds; all interfaces by default, as a scrape comes from another pod
 */
public record MetricsConfig(OptionalInt port, String host) {

    /** No metrics server. */
    public static MetricsConfig off() {
        return new MetricsConfig(OptionalInt.empty(), "0.0.0.0");
    }

    public boolean enabled() {
        return port.isPresent();
    }
}
