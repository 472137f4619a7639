package dev.weatheragent.weather;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One part after a comma in a {@link PlaceQuery}, and the places it fits. It fits a place when it is:
 * <ul>
 *   <li>the place's country: its ISO 3166-1 alpha-2 or alpha-3 code, its name in English, Ukrainian or the asked
 *       language, a usual alias ({@link CountryNames}), or the country name the geocoder gave;</li>
 *   <li>its US state, Canadian province or Australian state, abbreviated or named ({@link Subdivisions});</li>
 *   <li>the beginning, {@value #MIN_PREFIX} characters or more, of its region's name (the geocoder's
 *       {@code admin1}): "Paris, Tex", "Львів, Львівська".</li>
 * </ul>
 * Words are compared {@link #fold folded}, so "U.S.A." is "usa" and "Ile de France" is "Île-de-France". Shorter
 * qualifiers are codes only: "Kyiv, UK" must not read "UK" as the beginning of "Ukraine".
 */
final class Qualifier {

    static final int MIN_PREFIX = 3;

    private final String text;
    private final String key;
    private final Set<String> named;
    private final Set<String> subdivided;

    /** @param language ISO 639-1 code of the names the geocoder answers in */
    Qualifier(String text, String language) {
        this.text = text;
        this.key = fold(text);
        this.named = CountryNames.codes(key, language);
        this.subdivided = Subdivisions.countries(key);
    }

    /** As the user typed it. */
    String text() {
        return text;
    }

    /**
     * The alpha-2 codes of the countries this qualifier is a country or a listed subdivision of: {@code GB} for
     * "UK", {@code US} for "Texas" or "NY", {@code GE} and {@code US} for "Georgia". Empty when the tables do not
     * know it, which makes it a region that could be anywhere.
     */
    Set<String> countries() {
        Set<String> all = new HashSet<>(named);
        all.addAll(subdivided);
        return all;
    }

    boolean fits(Place place) {
        String country = place.countryCode() == null ? "" : place.countryCode().toUpperCase(Locale.ROOT);
        if (named.contains(country) || Subdivisions.fits(key, country, place.admin1())) {
            return true;
        }
        if (key.length() < MIN_PREFIX) {
            return false;
        }
        return key.equals(fold(place.country())) || fold(place.admin1()).startsWith(key);
    }

    /**
     * The form words are compared in: lower case, without diacritics, keeping only letters and digits (dots, spaces,
     * hyphens and apostrophes go, also the modifier-letter apostrophe of "Обʼєднані" that people type as "'").
     * Both sides are folded alike, so "й" becoming "и" on the way costs nothing.
     */
    static String fold(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder folded = new StringBuilder(text.length());
        Normalizer.normalize(text, Normalizer.Form.NFD).codePoints()
                .filter(c -> Character.isLetterOrDigit(c) && Character.getType(c) != Character.MODIFIER_LETTER)
                .forEach(folded::appendCodePoint);
        return folded.toString().toLowerCase(Locale.ROOT);
    }
}
