package dev.weatheragent.weather;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A geocoding result, with the fields of Open-Meteo's {@code Geoname} that the bot uses.
 *
 * @param population 0 when Open-Meteo does not know it
 */
public record Place(long id, String name, String admin1, String country, String countryCode,
                    double latitude, double longitude, String timezone, long population) {

    /** "name, region, country", leaving out parts that are missing or repeat the name. */
    public String label() {
        Set<String> parts = new LinkedHashSet<>();
        for (String part : new String[] {name, admin1, country}) {
            if (part != null && !part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return String.join(", ", parts);
    }
}
