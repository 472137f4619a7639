package dev.weatheragent.store;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A chat's daily forecast: for which place, at which local time of that place, and when it is next due.
 *
 * @param telegramLanguage the subscriber's Telegram language code (may be null), for chats whose language is auto
 * @param nextDue          the next moment it goes out; computed from {@code time} in the place's time zone
 */
public record DailySubscription(long chatId, SavedPlace place, LocalTime time, String telegramLanguage,
                                boolean paused, Instant nextDue) {

    public DailySubscription {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(nextDue, "nextDue");
        time = time.withSecond(0).withNano(0);
    }
}
