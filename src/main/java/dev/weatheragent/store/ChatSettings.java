package dev.weatheragent.store;

import dev.weatheragent.weather.Units;

import java.util.List;
import java.util.Optional;

/**
 * A chat's stored choices, read at once (one query per update); {@link #DEFAULTS} for a chat that chose nothing.
 *
 * @param places the chat's named places, in the order they were saved
 */
public record ChatSettings(Units units, Language language, Optional<SavedPlace> home, List<NamedPlace> places,
                           boolean stored) {

    public static final ChatSettings DEFAULTS = new ChatSettings(Units.METRIC, Language.AUTO, Optional.empty(),
            List.of(), false);

    public ChatSettings {
        places = List.copyOf(places);
    }

    /** The place saved under this name, compared without regard to case or Unicode form. */
    public Optional<NamedPlace> place(String name) {
        String key = PlaceNames.key(name);
        return places.stream().filter(p -> PlaceNames.key(p.name()).equals(key)).findFirst();
    }
}
