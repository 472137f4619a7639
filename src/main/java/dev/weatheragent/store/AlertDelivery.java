package dev.weatheragent.store;

import dev.weatheragent.weather.AlertKind;

import java.time.Instant;

/**
 * One alert to a chat, claimed or to be claimed: the event it is about, when that event ends (after which it is not
 * worth sending) and the message as written when it was claimed.
 */
public record AlertDelivery(long chatId, AlertKind kind, String eventKey, Instant eventEnd, String html) {
}
