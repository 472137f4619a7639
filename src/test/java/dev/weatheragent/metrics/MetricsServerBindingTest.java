package dev.weatheragent.metrics;

import dev.weatheragent.config.MetricsConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalInt;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The real metrics server as {@code Main} starts it: where it listens, and that it serves only the scrape. */
class MetricsServerBindingTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private int status(String host, int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void servesOnlyTheScrapeNoDiscoveredObserverAndTheJvmMeters() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MetricsServer server = MetricsServer.start(new MetricsConfig(OptionalInt.of(0), "127.0.0.1"), registry);
        try {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode(), equalTo(200));
            PrometheusText text = PrometheusText.parse(scrape.body());
            assertThat("heap in use", text.value("jvm_memory_used_bytes", "area", "heap") > 0, equalTo(true));
            assertThat(scrape.body(), containsString("jvm_gc_"));
            for (String path : new String[] {"/", "/health/live", "/health/ready", "/observe/health",
                "/observe/metrics", "/metrics/x", "/openapi"}) {
                assertThat(path, status("127.0.0.1", server.port(), path), equalTo(404));
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void listensOnTheConfiguredAddressAndPortOnly() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        MetricsServer server = MetricsServer.start(new MetricsConfig(OptionalInt.of(port), "127.0.0.2"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try {
            assertThat(server.port(), equalTo(port));
            assertThat(status("127.0.0.2", port, "/metrics"), equalTo(200));
            // Another loopback address, same port: nothing listens there.
            try (Socket socket = new Socket()) {
                assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress("127.0.0.1", port),
                        2000));
            }
        } finally {
            server.stop();
        }
    }
}
