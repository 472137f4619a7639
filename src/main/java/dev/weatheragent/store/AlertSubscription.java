package dev.weatheragent.store;

import java.util.Locale;
import java.util.Objects;

/**
 * A chat's weather alerts: for which place (its home when it sent {@code /alerts on}) and whether they are paused.
 *
 * @param telegramLanguage the subscriber's Telegram language code (may be null), for chats whose language is auto
 */
public record AlertSubscription(long chatId, SavedPlace place, String telegramLanguage, boolean paused) {

    public AlertSubscription {
        Objects.requireNonNull(place, "place");
    }

    /** The place's point rounded to about a kilometre: chats with the same key share one check. */
    public String placeKey() {
        return placeKey(place.latitude(), place.longitude());
    }

    public static String placeKey(double latitude, double longitude) {
        return String.format(Locale.ROOT, "%.2f,%.2f", latitude, longitude);
    }
}
