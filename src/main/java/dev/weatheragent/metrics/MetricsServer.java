package dev.weatheragent.metrics;

import dev.weatheragent.config.MetricsConfig;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} in the Prometheus text format on
 * {@code METRICS_HOST:METRICS_PORT}, a listener of its own, apart from the loopback health server. It serves nothing
 * else (every other path is 404, and no discovered Helidon feature such as an observer is added), and the registry
 * holds no secrets: see {@link BotMetrics} for what its labels may carry. JVM memory, GC, thread and class meters are
 * bound while it runs.
 */
public final class MetricsServer {

    /** Prometheus text exposition format 0.0.4, which every Prometheus-compatible scraper reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final WebServer server;
    private final JvmMeters jvm;

    private MetricsServer(WebServer server, JvmMeters jvm) {
        this.server = server;
        this.jvm = jvm;
    }

    /** Binds the JVM meters to {@code registry} and starts serving it; port 0 picks a free port. */
    public static MetricsServer start(MetricsConfig config, PrometheusMeterRegistry registry) {
        JvmMeters jvm = JvmMeters.bind(registry);
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port().orElseThrow())
                .shutdownHook(false)
                .featuresDiscoverServices(false)
                .routing(rules -> routing(rules, registry))
                .build()
                .start();
        return new MetricsServer(server, jvm);
    }

    /** The one route: {@code GET /metrics}. */
    public static void routing(HttpRouting.Builder rules, PrometheusMeterRegistry registry) {
        rules.get("/metrics", (request, response) -> {
            response.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
            response.send(registry.scrape());
        });
    }

    public int port() {
        return server.port();
    }

    public void stop() {
        server.stop();
        jvm.close();
    }
}
