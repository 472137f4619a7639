package dev.weatheragent.weather;

import java.util.ArrayList;
import java.util.List;

/**
 * A place as people type it: the name before the first comma, then qualifiers that narrow it down, each after a
 * further comma ({@code "Springfield, IL, US"} is "Springfield" with "IL" and "US"). Parts without a letter or a
 * digit are dropped, so {@code "London,"} is just London.
 */
public record PlaceQuery(String name, List<String> qualifiers) {

    public PlaceQuery {
        qualifiers = List.copyOf(qualifiers);
    }

    public static PlaceQuery parse(String text) {
        String[] parts = text.split(",", -1);
        List<String> qualifiers = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.codePoints().anyMatch(Character::isLetterOrDigit)) {
                qualifiers.add(part);
            }
        }
        return new PlaceQuery(parts[0].strip(), qualifiers);
    }
}
