package dev.weatheragent.weather;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a user typed ({@code "Paris"}, {@code "London, UK"}, {@code "Springfield, IL, US"}) into the place to
 * answer for, through the geocoder: the name is searched, and every qualifier after it must fit the place (see
 * {@link Qualifier}). The bot's commands and the agent's tool share it, so both read a place the same way.
 *
 * <p>At most two (cached) geocoder calls a query. When the qualifiers pin one country, the search asks for that
 * country only, so a small town is not crowded out by bigger namesakes abroad. Otherwise, and when the country
 * search finds nothing that fits, a wider world-wide search is filtered: "Georgia" may be the country or the US
 * state, "Île-de-France" could be a region anywhere.
 */
public final class PlaceResolver {

    /** Places a plain name or a one-country search asks for: the choice and a few to mention. */
    private static final int CANDIDATES = 10;
    /** Places a world-wide search asks for when they are filtered here: room for many namesakes, half the API's 100. */
    private static final int WIDE_CANDIDATES = 50;

    private final OpenMeteoClient weather;

    public PlaceResolver(OpenMeteoClient weather) {
        this.weather = weather;
    }

    /**
     * The place the text means, or empty when the geocoder knows no place of that name. When a place of the name
     * exists but none fits the qualifiers, the match says which qualifiers its place does not fit.
     *
     * @param language ISO 639-1 code for the names in the result
     * @throws WeatherUnavailableException when the geocoder does not answer
     */
    public Optional<PlaceMatch> resolve(String text, String language) {
        PlaceQuery query = PlaceQuery.parse(text);
        if (query.name().isEmpty()) {
            return Optional.empty();
        }
        if (query.qualifiers().isEmpty()) {
            List<Place> found = weather.search(query.name(), language, CANDIDATES);
            return found.isEmpty() ? Optional.empty() : Optional.of(chosen(query, found));
        }
        List<Qualifier> qualifiers = query.qualifiers().stream().map(q -> new Qualifier(q, language)).toList();
        Optional<String> country = pinnedCountry(qualifiers);
        if (country.isPresent()) {
            List<Place> inCountry = weather.search(query.name(), language, CANDIDATES, country.get());
            List<Place> fitting = fitting(inCountry, qualifiers);
            if (!fitting.isEmpty()) {
                return Optional.of(chosen(query, fitting));
            }
        }
        List<Place> found = weather.search(query.name(), language, WIDE_CANDIDATES);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<Place> fitting = fitting(found, qualifiers);
        return Optional.of(fitting.isEmpty() ? nearest(query, found, qualifiers) : chosen(query, fitting));
    }

    /**
     * The one country every qualifier the tables know allows ("Springfield, IL, US": Illinois is in the US, IL is
     * also Israel, US is only the US), if there is exactly one.
     */
    private static Optional<String> pinnedCountry(List<Qualifier> qualifiers) {
        List<Set<String>> known = qualifiers.stream().map(Qualifier::countries).filter(c -> !c.isEmpty()).toList();
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Set<String> allowed = new HashSet<>(known.getFirst());
        known.forEach(allowed::retainAll);
        return allowed.size() == 1 ? Optional.of(allowed.iterator().next()) : Optional.empty();
    }

    private static List<Place> fitting(List<Place> places, List<Qualifier> qualifiers) {
        return places.stream().filter(p -> qualifiers.stream().allMatch(q -> q.fits(p))).toList();
    }

    /** The bot's choice among places that fit: the most populous, the first (best ranked) on a tie. */
    private static PlaceMatch chosen(PlaceQuery query, List<Place> fitting) {
        Place best = fitting.stream().max(Comparator.comparingLong(Place::population)).orElseThrow();
        return new PlaceMatch(query, best, fitting, List.of());
    }

    /**
     * When no place fits every qualifier: the one that fits the most of them, the most populous of those, and the
     * qualifiers it does not fit.
     */
    private static PlaceMatch nearest(PlaceQuery query, List<Place> found, List<Qualifier> qualifiers) {
        Comparator<Place> byFit = Comparator.comparingLong(p -> qualifiers.stream().filter(q -> q.fits(p)).count());
        Place best = found.stream().max(byFit.thenComparingLong(Place::population)).orElseThrow();
        List<String> unmatched = qualifiers.stream().filter(q -> !q.fits(best)).map(Qualifier::text).toList();
        return new PlaceMatch(query, best, found, unmatched);
    }
}
