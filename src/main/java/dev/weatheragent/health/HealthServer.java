package dev.weatheragent.health;

import dev.weatheragent.store.StoreStatus;
import dev.weatheragent.telegram.PollerState;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

import java.util.function.Supplier;

/**
 * Liveness and readiness on {@code 127.0.0.1} only: {@code GET /health/live} and {@code GET /health/ready}, 200 with
 * a small JSON body when up and 503 when down. Ready means Telegram is polled and the chat settings store works.
 * Nothing else listens, and the bodies carry no secrets.
 */
public final class HealthServer {

    private final WebServer server;

    private HealthServer(WebServer server) {
        this.server = server;
    }

    /** Starts the server; port 0 picks a free port (see {@link #port()}). */
    public static HealthServer start(int port, PollerState state, Supplier<StoreStatus> store) {
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .shutdownHook(false)
                .addFeature(feature(state, store))
                .build()
                .start();
        return new HealthServer(server);
    }

    /** The endpoints: {@code /health/live} and {@code /health/ready}, and nothing of Helidon's own checks. */
    public static ObserveFeature feature(PollerState state, Supplier<StoreStatus> store) {
        HealthObserver health = HealthObserver.builder()
                .useSystemServices(false)
                .details(true)
                .addCheck(() -> HealthCheckResponse.builder()
                        .status(state.isLive())
                        .detail("role", state.role())
                        .build(), HealthCheckType.LIVENESS, "poller")
                .addCheck(() -> HealthCheckResponse.builder()
                        .status(state.isReady())
                        .detail("role", state.role())
                        .build(), HealthCheckType.READINESS, "telegram")
                .addCheck(() -> {
                    StoreStatus status = store.get();
                    return HealthCheckResponse.builder()
                            .status(status.ready())
                            .detail("kind", status.kind())
                            .detail("durable", status.durable())
                            .detail("detail", status.detail())
                            .build();
                }, HealthCheckType.READINESS, "store")
                .build();
        return ObserveFeature.builder().endpoint("/").addObserver(health).build();
    }

    public int port() {
        return server.port();
    }

    public void stop() {
        server.stop();
    }
}
