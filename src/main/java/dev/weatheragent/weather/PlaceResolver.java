package dev.weatheragent.weather;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a user typed ({@code "Paris"}, {@code "Paris, Texas"}) into the place to answer for, through the
 * geocoder. The bot's commands and the agent's tool share it, so both read a place the same way.
 */
public final class PlaceResolver {

    private static final int CANDIDATES = 10;

    private final OpenMeteoClient weather;

    public PlaceResolver(OpenMeteoClient weather) {
        this.weather = weather;
    }

    /**
     * The place the text means, or empty when the geocoder knows no place of that name.
     *
     * @param language ISO 639-1 code for the names in the result
     * @throws WeatherUnavailableException when the geocoder does not answer
     */
    public Optional<PlaceMatch> resolve(String text, String language) {
        PlaceQuery query = PlaceQuery.parse(text);
        if (query.name().isEmpty()) {
            return Optional.empty();
        }
        List<Place> fitting = weather.search(query.name(), language, CANDIDATES).stream()
                .filter(p -> query.qualifiers().stream().allMatch(q -> fits(p, q))).toList();
        if (fitting.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlaceMatch(query, mostPopulous(fitting), fitting, List.of()));
    }

    /** The bot's choice among places of one name: the most populous, the first (best ranked) on a tie. */
    private static Place mostPopulous(List<Place> places) {
        return places.stream().max(Comparator.comparingLong(Place::population)).orElseThrow();
    }

    /** Whether the place fits a qualifier: a prefix of its region, its country or its country code. */
    private static boolean fits(Place place, String qualifier) {
        String q = qualifier.toLowerCase(Locale.ROOT);
        for (String field : new String[] {place.admin1(), place.country(), place.countryCode()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).startsWith(q)) {
                return true;
            }
        }
        return false;
    }
}
