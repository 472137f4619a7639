package dev.weatheragent.store;

import java.util.Locale;

/** How a claimed delivery ended. */
public enum DeliveryOutcome {
    /** Telegram took it. */
    SENT,
    /** The chat blocked the bot or is gone: the subscription is paused. */
    UNREACHABLE,
    /** Telegram refused it for another reason; not tried again. */
    REFUSED,
    /** Claimed by an instance that never confirmed it, and found too late to send. */
    EXPIRED;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
