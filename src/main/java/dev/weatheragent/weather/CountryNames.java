package dev.weatheragent.weather;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * Which countries a word names: ISO 3166-1 alpha-2 and alpha-3 codes and the country names the JDK has (CLDR) in
 * English and Ukrainian, the bot's languages, plus {@link #ALIASES}. Keys are {@link Qualifier#fold folded}.
 * Built once from the JDK and never changed.
 */
final class CountryNames {

    /** Names in these languages are looked up once, here; names in any other language on each call. */
    private static final List<Locale> INDEXED = List.of(Locale.ENGLISH, Locale.of("uk"));

    /**
     * Names people type that are not, or not in every JDK's CLDR, a country's name: short forms (UK, UAE, США), the
     * parts of the United Kingdom, which people name as if they were countries, older or informal names (Holland,
     * Burma, Swaziland), and both forms where CLDR has changed (Turkey and Türkiye, Cape Verde and Cabo Verde).
     * Alpha-2 codes on the right.
     */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            entry("UK", "GB"), entry("Great Britain", "GB"), entry("Britain", "GB"), entry("England", "GB"),
            entry("Scotland", "GB"), entry("Wales", "GB"), entry("Northern Ireland", "GB"),
            entry("America", "US"), entry("United States of America", "US"),
            entry("UAE", "AE"),
            entry("Holland", "NL"), entry("The Netherlands", "NL"),
            entry("Czech Republic", "CZ"),
            entry("Turkey", "TR"), entry("Türkiye", "TR"),
            entry("Korea", "KR"),
            entry("Ivory Coast", "CI"),
            entry("DRC", "CD"), entry("DR Congo", "CD"), entry("Democratic Republic of the Congo", "CD"),
            entry("Republic of the Congo", "CG"),
            entry("Burma", "MM"),
            entry("Macedonia", "MK"),
            entry("Swaziland", "SZ"),
            entry("Cape Verde", "CV"), entry("Cabo Verde", "CV"),
            entry("East Timor", "TL"),
            entry("Russian Federation", "RU"),
            entry("Vatican", "VA"),
            entry("Hong Kong", "HK"),
            entry("Macau", "MO"), entry("Macao", "MO"),
            entry("Palestine", "PS"),
            entry("США", "US"), entry("Америка", "US"), entry("Сполучені Штати Америки", "US"),
            entry("Великобританія", "GB"), entry("Британія", "GB"), entry("Англія", "GB"), entry("Шотландія", "GB"),
            entry("Уельс", "GB"), entry("Північна Ірландія", "GB"), entry("Сполучене Королівство", "GB"),
            entry("ОАЕ", "AE"),
            entry("Голландія", "NL"),
            entry("Чеська Республіка", "CZ"),
            entry("Корея", "KR"),
            entry("Бірма", "MM"),
            entry("Македонія", "MK"),
            entry("Свазіленд", "SZ"),
            entry("Східний Тимор", "TL"),
            entry("ДР Конго", "CD"));

    private static final Map<String, Set<String>> INDEX = index();

    private CountryNames() {
    }

    /**
     * The alpha-2 codes of the countries a folded word names: usually none or one.
     *
     * @param language ISO 639-1 code of a further language whose country names count
     */
    static Set<String> codes(String key, String language) {
        Set<String> codes = INDEX.getOrDefault(key, Set.of());
        Locale locale = Locale.of(language);
        if (key.length() < Qualifier.MIN_PREFIX || INDEXED.contains(locale)) {
            return codes;
        }
        Set<String> all = new HashSet<>(codes);
        for (String code : Locale.getISOCountries()) {
            if (names(Locale.of("", code), locale).stream().anyMatch(name -> key.equals(Qualifier.fold(name)))) {
                all.add(code);
            }
        }
        return Set.copyOf(all);
    }

    private static Map<String, Set<String>> index() {
        Map<String, Set<String>> index = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale country = Locale.of("", code);
            add(index, code, code);
            add(index, country.getISO3Country(), code);
            for (Locale language : INDEXED) {
                names(country, language).forEach(name -> add(index, name, code));
            }
        }
        ALIASES.forEach((alias, code) -> add(index, alias, code));
        Map<String, Set<String>> frozen = new HashMap<>();
        index.forEach((key, codes) -> frozen.put(key, Set.copyOf(codes)));
        return Map.copyOf(frozen);
    }

    private static void add(Map<String, Set<String>> index, String word, String code) {
        index.computeIfAbsent(Qualifier.fold(word), k -> new HashSet<>()).add(code);
    }

    /**
     * A country's CLDR name in a language with the variants people type instead: without the part in parentheses
     * ("Myanmar (Burma)") and with "and" for "&amp;" ("Bosnia &amp; Herzegovina").
     */
    private static List<String> names(Locale country, Locale language) {
        String name = country.getDisplayCountry(language);
        return List.of(name, name.replaceAll("\\s*\\(.*\\)", ""), name.replace("&", "and"));
    }
}
