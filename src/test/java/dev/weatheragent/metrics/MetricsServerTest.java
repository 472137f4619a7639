package dev.weatheragent.metrics;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/** {@code GET /metrics} on Helidon's test server, as the Helidon SE quickstart tests its routes. */
@ServerTest
class MetricsServerTest {

    /** The registry the route serves; the test server is set up once for the class, with it. */
    private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final Http1Client client;
    private final BotMetrics metrics = new MicrometerMetrics(REGISTRY);

    MetricsServerTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder rules) {
        MetricsServer.routing(rules, REGISTRY);
    }

    private PrometheusText scrape() {
        try (Http1ClientResponse response = client.get("/metrics").request()) {
            assertThat(response.status(), is(Status.OK_200));
            assertThat(response.headers().get(HeaderNames.CONTENT_TYPE).get(),
                    equalTo("text/plain; version=0.0.4; charset=utf-8"));
            return PrometheusText.parse(response.as(String.class));
        }
    }

    @Test
    void servesWhatWasRecordedInThePrometheusTextFormat() {
        PrometheusText before = scrape();
        metrics.updateHandled("/weather", "answered", Duration.ofMillis(30));
        metrics.telegramCall("sendMessage", CallResult.ofStatus(429));
        PrometheusText after = scrape();
        assertThat(after.value("weather_agent_updates_handled_total", "kind", "/weather", "outcome", "answered")
                - before.value("weather_agent_updates_handled_total", "kind", "/weather", "outcome", "answered"),
                equalTo(1.0));
        assertThat(after.value("weather_agent_telegram_calls_total", "method", "sendMessage", "result", "429")
                - before.value("weather_agent_telegram_calls_total", "method", "sendMessage", "result", "429"),
                equalTo(1.0));
        String bucket = "weather_agent_update_duration_seconds_bucket";
        assertThat("30 ms counts in the 50 ms bucket",
                after.value(bucket, "le", "0.05") - before.value(bucket, "le", "0.05"), equalTo(1.0));
        assertThat("and not in the 25 ms one",
                after.value(bucket, "le", "0.025") - before.value(bucket, "le", "0.025"), equalTo(0.0));
    }

    @Test
    void labelsAreFoldedToShortTokens() {
        metrics.updateHandled("command", "ignored (other bot)", Duration.ZERO);
        assertThat(scrape().value("weather_agent_updates_handled_total", "kind", "command", "outcome",
                "ignored-other-bot"), equalTo(1.0));
        assertThat(MicrometerMetrics.label("x".repeat(100)), equalTo("x".repeat(32)));
        assertThat(MicrometerMetrics.label(null), equalTo("none"));
    }
}
