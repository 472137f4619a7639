package dev.weatheragent.store;

import dev.weatheragent.weather.Units;

import java.util.Optional;

/** A chat's stored choices; {@link #DEFAULTS} for a chat that chose nothing. */
public record ChatSettings(Units units, Language language, Optional<SavedPlace> home, boolean stored) {

    public static final ChatSettings DEFAULTS = new ChatSettings(Units.METRIC, Language.AUTO, Optional.empty(), false);
}
