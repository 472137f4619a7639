package dev.weatheragent.store;

import dev.weatheragent.weather.Units;

/**
 * A subscription whose time has come, with the chat's units and reply language as they are now (the chat may have
 * changed them since it subscribed).
 */
public record DueDaily(DailySubscription subscription, Units units, String replyLanguage) {
}
