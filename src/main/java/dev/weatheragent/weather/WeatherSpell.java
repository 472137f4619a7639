package dev.weatheragent.weather;

import java.time.Instant;
import java.util.Objects;

/**
 * A spell of alert-worthy weather of one kind, as one forecast shows it: the hours from {@code start} to {@code end}.
 *
 * @param ongoing       it is on in the current hour already
 * @param severe        worth waking for: thunderstorm, freezing rain, gusts of 90 km/h (56 mph) or more
 * @param precipitation which precipitation, for {@link AlertKind#PRECIPITATION}; null for the other kinds
 * @param value         the spell's amount in the chat's units: total precipitation, the strongest gust, the lowest
 *                      (frost) or highest (heat) temperature; 0 for a thunderstorm
 */
public record WeatherSpell(AlertKind kind, Instant start, Instant end, boolean ongoing, boolean severe,
                           Precipitation precipitation, double value) {

    /** What falls: freezing rain is told apart because it is severe. */
    public enum Precipitation {
        RAIN, SNOW, FREEZING_RAIN
    }

    public WeatherSpell {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
