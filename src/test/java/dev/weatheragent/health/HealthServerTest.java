package dev.weatheragent.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weatheragent.store.StoreStatus;
import dev.weatheragent.telegram.PollerState;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/** The health endpoints on Helidon's test server, set up with the feature the health server runs. */
@ServerTest
class HealthServerTest {

    /** A poller that has not connected yet, with a start-up allowance that outlasts the test. */
    private static final PollerState POLLER = new PollerState(Duration.ofMinutes(10));
    private static final AtomicReference<StoreStatus> STORE =
            new AtomicReference<>(new StoreStatus("sqlite", true, true, "data/weather-agent.db"));

    private final Http1Client client;

    HealthServerTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.addFeature(HealthServer.feature(POLLER, STORE::get));
    }

    private JsonNode get(String path, Status expected) throws Exception {
        try (Http1ClientResponse response = client.get(path).request()) {
            assertThat(path, response.status(), is(expected));
            return new ObjectMapper().readTree(response.as(String.class));
        }
    }

    @Test
    void liveWhileThePollerKeepsItsDeadlineButNotReadyBeforeTelegramAnswered() throws Exception {
        JsonNode live = get("/health/live", Status.OK_200);
        assertThat(live.get("status").asText(), equalTo("UP"));
        assertThat(live.at("/checks/0/name").asText(), equalTo("poller"));
        JsonNode ready = get("/health/ready", Status.SERVICE_UNAVAILABLE_503);
        assertThat(ready.get("status").asText(), equalTo("DOWN"));
    }

    @Test
    void readinessShowsTheStoreWithoutSecrets() throws Exception {
        STORE.set(new StoreStatus("postgresql", false, true, "db.example:5432/bot: connection refused"));
        try {
            JsonNode ready = get("/health/ready", Status.SERVICE_UNAVAILABLE_503);
            JsonNode store = null;
            for (JsonNode check : ready.get("checks")) {
                if (check.get("name").asText().equals("store")) {
                    store = check;
                }
            }
            assertThat(store.get("status").asText(), equalTo("DOWN"));
            assertThat(store.at("/data/kind").asText(), equalTo("postgresql"));
            assertThat(store.at("/data/detail").asText(), equalTo("db.example:5432/bot: connection refused"));
        } finally {
            STORE.set(new StoreStatus("sqlite", true, true, "data/weather-agent.db"));
        }
    }

    @Test
    void helidonsOwnChecksAreNotAdded() throws Exception {
        JsonNode live = get("/health/live", Status.OK_200);
        assertThat("only the poller check, no disk, heap or deadlock checks", live.get("checks").size(),
                equalTo(1));
    }
}
