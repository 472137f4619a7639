package dev.weatheragent.store;

import dev.weatheragent.weather.Units;

import java.util.List;
import java.util.Optional;

/**
 * A chat's stored choices, read at once (one query per update); {@link #DEFAULTS} for a chat that chose nothing.
 *
 * @param places      the chat's named places, in the order they were saved
 * @param dailyPaused  its daily forecast is paused because Telegram refused to deliver it (blocked, chat gone)
 * @param alertsPaused its weather alerts are paused for the same reason
 */
public record ChatSettings(Units units, Language language, Optional<SavedPlace> home, List<NamedPlace> places,
                           boolean stored, boolean dailyPaused, boolean alertsPaused) {

    public static final ChatSettings DEFAULTS = new ChatSettings(Units.METRIC, Language.AUTO, Optional.empty(),
            List.of(), false);

    public ChatSettings {
        places = List.copyOf(places);
    }

    /** Settings of a chat whose daily forecast and alerts, if any, are not paused. */
    public ChatSettings(Units units, Language language, Optional<SavedPlace> home, List<NamedPlace> places,
                        boolean stored) {
        this(units, language, home, places, stored, false, false);
    }

    /** The place saved under this name, compared without regard to case or Unicode form. */
    public Optional<NamedPlace> place(String name) {
        String key = PlaceNames.key(name);
        return places.stream().filter(p -> PlaceNames.key(p.name()).equals(key)).findFirst();
    }
}
