package dev.weatheragent.weather;

import java.util.Locale;
import java.util.Optional;

/** The kinds of weather a chat is alerted to, each alerted at most once per event. */
public enum AlertKind {
    /** Rain, snow or freezing rain starting within two hours while it is dry now. */
    PRECIPITATION,
    THUNDERSTORM,
    /** Gusts of at least 60 km/h (37 mph). */
    GUSTS,
    /** Below 0 °C after a day without frost. */
    FROST,
    /** At least 30 °C. */
    HEAT;

    /** The value stored in the database. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind stored as this code; empty for one a newer build wrote. */
    public static Optional<AlertKind> ofCode(String code) {
        for (AlertKind kind : values()) {
            if (kind.code().equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
