package dev.weatheragent.store;

import dev.weatheragent.weather.AlertKind;

import java.time.Instant;
import java.util.Objects;

/**
 * The event of one kind last seen at a place: its key, and until when it was last seen or forecast to last.
 *
 * @param key the instant it was first seen to start, as text ("2026-01-15T12:00:00Z")
 */
public record AlertEvent(AlertKind kind, String key, Instant until) {

    public AlertEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(until, "until");
    }
}
