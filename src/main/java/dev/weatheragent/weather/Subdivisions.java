package dev.weatheragent.weather;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The first-level subdivisions people abbreviate after a town's name ("Portland, OR", "Toronto, ON", "Sydney, NSW"):
 * US states and the District of Columbia, Canadian provinces and territories, Australian states and territories,
 * each with its postal abbreviation and the English names GeoNames gives it, which Open-Meteo answers as
 * {@code admin1}. An abbreviation only counts for a place of its own country: "WA" is Washington in the US and
 * Western Australia in Australia. Keys are {@link Qualifier#fold folded}.
 */
final class Subdivisions {

    /**
     * @param keys  the folded abbreviation and names: what a qualifier may say
     * @param names the folded names alone: what the geocoder's admin1 may say
     */
    private record Subdivision(String country, Set<String> keys, Set<String> names) {
    }

    private static final List<Subdivision> ALL = List.of(
            us("AL", "Alabama"), us("AK", "Alaska"), us("AZ", "Arizona"), us("AR", "Arkansas"),
            us("CA", "California"), us("CO", "Colorado"), us("CT", "Connecticut"), us("DE", "Delaware"),
            // GeoNames has called DC both; a place may carry either as admin1.
            us("DC", "Washington, D.C.", "District of Columbia"),
            us("FL", "Florida"), us("GA", "Georgia"), us("HI", "Hawaii"), us("ID", "Idaho"), us("IL", "Illinois"),
            us("IN", "Indiana"), us("IA", "Iowa"), us("KS", "Kansas"), us("KY", "Kentucky"), us("LA", "Louisiana"),
            us("ME", "Maine"), us("MD", "Maryland"), us("MA", "Massachusetts"), us("MI", "Michigan"),
            us("MN", "Minnesota"), us("MS", "Mississippi"), us("MO", "Missouri"), us("MT", "Montana"),
            us("NE", "Nebraska"), us("NV", "Nevada"), us("NH", "New Hampshire"), us("NJ", "New Jersey"),
            us("NM", "New Mexico"), us("NY", "New York"), us("NC", "North Carolina"), us("ND", "North Dakota"),
            us("OH", "Ohio"), us("OK", "Oklahoma"), us("OR", "Oregon"), us("PA", "Pennsylvania"),
            us("RI", "Rhode Island"), us("SC", "South Carolina"), us("SD", "South Dakota"), us("TN", "Tennessee"),
            us("TX", "Texas"), us("UT", "Utah"), us("VT", "Vermont"), us("VA", "Virginia"), us("WA", "Washington"),
            us("WV", "West Virginia"), us("WI", "Wisconsin"), us("WY", "Wyoming"),
            ca("AB", "Alberta"), ca("BC", "British Columbia"), ca("MB", "Manitoba"), ca("NB", "New Brunswick"),
            ca("NL", "Newfoundland and Labrador"), ca("NS", "Nova Scotia"), ca("NT", "Northwest Territories"),
            ca("NU", "Nunavut"), ca("ON", "Ontario"), ca("PE", "Prince Edward Island"), ca("QC", "Quebec"),
            ca("SK", "Saskatchewan"), ca("YT", "Yukon"),
            au("NSW", "New South Wales"), au("VIC", "Victoria"), au("QLD", "Queensland"), au("SA", "South Australia"),
            au("WA", "Western Australia"), au("TAS", "Tasmania"), au("NT", "Northern Territory"),
            au("ACT", "Australian Capital Territory"));

    private static final Map<String, List<Subdivision>> BY_KEY = byKey();

    private Subdivisions() {
    }

    /** Whether a folded word abbreviates or names the place's subdivision, in the place's country. */
    static boolean fits(String key, String countryCode, String admin1) {
        String region = Qualifier.fold(admin1);
        return BY_KEY.getOrDefault(key, List.of()).stream()
                .anyMatch(s -> s.country().equals(countryCode) && s.names().contains(region));
    }

    /** The countries having a subdivision a folded word abbreviates or names: {@code US} for "NY" or "Texas". */
    static Set<String> countries(String key) {
        return BY_KEY.getOrDefault(key, List.of()).stream().map(Subdivision::country)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, List<Subdivision>> byKey() {
        Map<String, List<Subdivision>> byKey = new HashMap<>();
        for (Subdivision s : ALL) {
            s.keys().forEach(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(s));
        }
        Map<String, List<Subdivision>> frozen = new HashMap<>();
        byKey.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
        return Map.copyOf(frozen);
    }

    private static Subdivision us(String abbreviation, String... names) {
        return of("US", abbreviation, names);
    }

    private static Subdivision ca(String abbreviation, String... names) {
        return of("CA", abbreviation, names);
    }

    private static Subdivision au(String abbreviation, String... names) {
        return of("AU", abbreviation, names);
    }

    private static Subdivision of(String country, String abbreviation, String... names) {
        Set<String> folded = Stream.of(names).map(Qualifier::fold).collect(Collectors.toUnmodifiableSet());
        Set<String> keys = Stream.concat(Stream.of(Qualifier.fold(abbreviation)), folded.stream())
                .collect(Collectors.toUnmodifiableSet());
        return new Subdivision(country, keys, folded);
    }
}
