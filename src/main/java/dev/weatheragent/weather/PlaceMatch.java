package dev.weatheragent.weather;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a {@link PlaceQuery} resolved to.
 *
 * @param query      the query as parsed
 * @param place      the place to answer for
 * @param candidates the places that fit every qualifier, in the geocoder's order (best ranked first), {@code place}
 *                   among them; when none fits, every place of the name the geocoder found
 * @param unmatched  the qualifiers {@code place} does not fit, as typed: empty unless no place fits them all
 */
public record PlaceMatch(PlaceQuery query, Place place, List<Place> candidates, List<String> unmatched) {

    public PlaceMatch {
        candidates = List.copyOf(candidates);
        unmatched = List.copyOf(unmatched);
    }

    /** The candidates other than {@link #place}, in the geocoder's order. */
    public List<Place> others() {
        return candidates.stream().filter(p -> !p.equals(place)).toList();
    }

    /** {@link #place} first, then the others in the geocoder's order. */
    public List<Place> ranked() {
        return Stream.concat(Stream.of(place), others().stream()).toList();
    }
}
