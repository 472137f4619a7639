package dev.weatheragent.store;

import dev.weatheragent.weather.AlertKind;

import java.time.Instant;

/** How one claimed alert ended, and when: what {@link AlertStore#finishAll} records. */
public record FinishedAlert(long chatId, AlertKind kind, String eventKey, DeliveryOutcome outcome, Instant at) {
}
