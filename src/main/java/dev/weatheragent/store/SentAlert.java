package dev.weatheragent.store;

import dev.weatheragent.weather.AlertKind;

import java.time.Instant;

/** The last alert Telegram took for a chat, for {@code /alerts}. */
public record SentAlert(AlertKind kind, Instant sentAt, String html) {
}
