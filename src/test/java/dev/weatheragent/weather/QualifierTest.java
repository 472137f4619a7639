package dev.weatheragent.weather;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/** Which places a qualifier fits, over places as Open-Meteo returns them (fixtures are this project's own). */
class QualifierTest {

    private static final Place LONDON = place("London", "England", "United Kingdom", "GB");
    private static final Place PORTLAND_OREGON = place("Portland", "Oregon", "United States", "US");
    private static final Place PORTLAND_MAINE = place("Portland", "Maine", "United States", "US");
    private static final Place SPRINGFIELD_ILLINOIS = place("Springfield", "Illinois", "United States", "US");
    private static final Place SPRINGFIELD_MISSOURI = place("Springfield", "Missouri", "United States", "US");
    private static final Place SPRINGFIELD_MASSACHUSETTS = place("Springfield", "Massachusetts", "United States", "US");
    private static final Place NEW_YORK = place("New York", "New York", "United States", "US");
    private static final Place PARIS_FRANCE = place("Paris", "Île-de-France", "France", "FR");
    private static final Place PARIS_TEXAS = place("Paris", "Texas", "United States", "US");
    private static final Place PARIS_TENNESSEE = place("Paris", "Tennessee", "United States", "US");
    private static final Place LVIV_IN_UKRAINIAN = place("Львів", "Львівська область", "Україна", "UA");
    private static final Place LVIV_IN_ENGLISH = place("Lviv", "Lviv Oblast", "Ukraine", "UA");
    private static final Place KYIV = place("Kyiv", "Kyiv City", "Ukraine", "UA");
    private static final Place KYIV_IN_UKRAINIAN = place("Київ", "Київ", "Україна", "UA");
    private static final Place WASHINGTON_DISTRICT = place("Washington", "District of Columbia", "United States", "US");
    private static final Place WASHINGTON_DC = place("Washington", "Washington, D.C.", "United States", "US");
    private static final Place SEATTLE = place("Seattle", "Washington", "United States", "US");
    private static final Place TORONTO = place("Toronto", "Ontario", "Canada", "CA");
    private static final Place LOS_ANGELES = place("Los Angeles", "California", "United States", "US");
    private static final Place SYDNEY = place("Sydney", "New South Wales", "Australia", "AU");
    private static final Place SYDNEY_NOVA_SCOTIA = place("Sydney", "Nova Scotia", "Canada", "CA");
    private static final Place PERTH = place("Perth", "Western Australia", "Australia", "AU");
    private static final Place TBILISI = place("Tbilisi", "Tbilisi", "Georgia", "GE");
    private static final Place ATLANTA = place("Atlanta", "Georgia", "United States", "US");
    private static final List<Place> ALL = List.of(LONDON, PORTLAND_OREGON, PORTLAND_MAINE, SPRINGFIELD_ILLINOIS,
            SPRINGFIELD_MISSOURI, SPRINGFIELD_MASSACHUSETTS, NEW_YORK, PARIS_FRANCE, PARIS_TEXAS, PARIS_TENNESSEE,
            LVIV_IN_UKRAINIAN, LVIV_IN_ENGLISH, KYIV, KYIV_IN_UKRAINIAN, WASHINGTON_DISTRICT, WASHINGTON_DC, SEATTLE,
            TORONTO, LOS_ANGELES, SYDNEY, SYDNEY_NOVA_SCOTIA, PERTH, TBILISI, ATLANTA);

    private static Place place(String name, String admin1, String country, String countryCode) {
        return new Place(1, name, admin1, country, countryCode, 0, 0, "UTC", 1000);
    }

    private static List<Place> fitting(String qualifier, String language) {
        Qualifier q = new Qualifier(qualifier, language);
        return ALL.stream().filter(q::fits).toList();
    }

    private static List<Place> fitting(String qualifier) {
        return fitting(qualifier, "en");
    }

    private static List<Place> americans() {
        return ALL.stream().filter(p -> p.countryCode().equals("US")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB", "gb", "GBR", "United Kingdom", "united kingdom", "UK", "U.K.", "Great Britain",
            "Britain", "England", "Scotland", "Wales", "Northern Ireland", "Велика Британія", "Великобританія",
            "Британія", "Англія"})
    void theUnitedKingdomByCodeNameAndAlias(String qualifier) {
        assertThat(fitting(qualifier), equalTo(List.of(LONDON)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"US", "U.S.", "USA", "U.S.A.", "usa", "United States", "United States of America",
            "America", "США", "Сполучені Штати"})
    void theUnitedStatesByCodeNameAndAlias(String qualifier) {
        assertThat(fitting(qualifier), equalTo(americans()));
    }

    @Test
    void englishNamesFitPlacesTheGeocoderNamedInUkrainianAndTheOtherWayRound() {
        List<Place> ukraine = List.of(LVIV_IN_UKRAINIAN, LVIV_IN_ENGLISH, KYIV, KYIV_IN_UKRAINIAN);
        for (String qualifier : List.of("Ukraine", "Україна", "UA", "UKR", "ukraine")) {
            assertThat(qualifier, fitting(qualifier, "uk"), equalTo(ukraine));
            assertThat(qualifier, fitting(qualifier, "en"), equalTo(ukraine));
        }
    }

    @Test
    void countryNamesInTheChatsLanguageFromTheJdk() {
        assertThat(fitting("Vereinigte Staaten", "de"), equalTo(americans()));
        assertThat("German names count only for German chats", fitting("Vereinigte Staaten", "en"), equalTo(List.of()));
    }

    @Test
    void theGeocodersOwnCountryNameFitsWhereTheJdkHasNone() {
        Place pristina = place("Pristina", "Pristina", "Kosovo", "XK");
        assertThat(new Qualifier("Kosovo", "en").fits(pristina), is(true));
        assertThat(new Qualifier("Kosov", "en").fits(pristina), is(false));
    }

    @ParameterizedTest
    @CsvSource({
            "UAE, Dubai, Dubai, United Arab Emirates, AE",
            "Holland, Amsterdam, North Holland, The Netherlands, NL",
            "The Netherlands, Rotterdam, South Holland, Netherlands, NL",
            "Czech Republic, Prague, Prague, Czechia, CZ",
            "Turkey, Istanbul, Istanbul, Türkiye, TR",
            "Türkiye, Ankara, Ankara, Turkey, TR",
            "South Korea, Seoul, Seoul, South Korea, KR",
            "Korea, Busan, Busan, South Korea, KR",
            "Ivory Coast, Abidjan, Abidjan, Ivory Coast, CI",
            "Côte d'Ivoire, Yamoussoukro, Lacs, Ivory Coast, CI",
            "DRC, Kinshasa, Kinshasa, DR Congo, CD",
            "DR Congo, Lubumbashi, Haut-Katanga, DR Congo, CD",
            "Burma, Yangon, Yangon, Myanmar, MM",
            "Myanmar, Mandalay, Mandalay, Myanmar, MM",
            "Macedonia, Skopje, Skopje, North Macedonia, MK",
            "Swaziland, Mbabane, Hhohho, Eswatini, SZ",
            "Cape Verde, Praia, Praia, Cabo Verde, CV",
            "East Timor, Dili, Dili, Timor Leste, TL",
            "Bosnia and Herzegovina, Sarajevo, Federation of B&H, Bosnia and Herzegovina, BA",
            "ОАЕ, Дубай, Дубай, ОАЕ, AE",
            "Обʼєднані Арабські Емірати, Абу-Дабі, Абу-Дабі, ОАЕ, AE",
            "Об'єднані Арабські Емірати, Абу-Дабі, Абу-Дабі, ОАЕ, AE"})
    void usualAliases(String qualifier, String name, String admin1, String country, String code) {
        Place place = place(name, admin1, country, code);
        assertThat(new Qualifier(qualifier, "en").fits(place), is(true));
        assertThat("not a place elsewhere", fitting(qualifier), equalTo(List.of()));
    }

    @Test
    void twoLettersAreCodesOnlyNeverTheBeginningOfAName() {
        assertThat("UK is the United Kingdom, not the beginning of Ukraine", fitting("UK"), equalTo(List.of(LONDON)));
        assertThat(fitting("Il"), equalTo(List.of(SPRINGFIELD_ILLINOIS)));
        assertThat("three letters may begin a region", fitting("Ile"), equalTo(List.of(PARIS_FRANCE)));
        assertThat(fitting("Te"), equalTo(List.of()));
    }

    @Test
    void stateAbbreviationsFitTheirStateOnly() {
        assertThat(fitting("OR"), equalTo(List.of(PORTLAND_OREGON)));
        assertThat(fitting("ME"), equalTo(List.of(PORTLAND_MAINE)));
        assertThat(fitting("IL"), equalTo(List.of(SPRINGFIELD_ILLINOIS)));
        assertThat(fitting("MO"), equalTo(List.of(SPRINGFIELD_MISSOURI)));
        assertThat(fitting("MA"), equalTo(List.of(SPRINGFIELD_MASSACHUSETTS)));
        assertThat(fitting("NY"), equalTo(List.of(NEW_YORK)));
        assertThat(fitting("N.Y."), equalTo(List.of(NEW_YORK)));
        assertThat(fitting("TX"), equalTo(List.of(PARIS_TEXAS)));
    }

    @Test
    void theDistrictOfColumbiaUnderEitherOfItsNames() {
        List<Place> dc = List.of(WASHINGTON_DISTRICT, WASHINGTON_DC);
        for (String qualifier : List.of("DC", "D.C.", "d.c", "Washington DC", "Washington D.C.",
                "District of Columbia")) {
            assertThat(qualifier, fitting(qualifier), equalTo(dc));
        }
    }

    @Test
    void anAbbreviationCountsInItsOwnCountryOnly() {
        assertThat("Washington state and Western Australia", fitting("WA"), equalTo(List.of(SEATTLE, PERTH)));
        assertThat("Canada and California", fitting("CA"),
                equalTo(List.of(TORONTO, LOS_ANGELES, SYDNEY_NOVA_SCOTIA)));
        assertThat(fitting("ON"), equalTo(List.of(TORONTO)));
        Place montanaBulgaria = place("Montana", "Montana", "Bulgaria", "BG");
        assertThat("MT is Montana in the US (or Malta), not the Bulgarian province",
                new Qualifier("MT", "en").fits(montanaBulgaria), is(false));
        assertThat(new Qualifier("Montana", "en").fits(montanaBulgaria), is(true));
        assertThat(fitting("NS"), equalTo(List.of(SYDNEY_NOVA_SCOTIA)));
        assertThat(fitting("NSW"), equalTo(List.of(SYDNEY)));
        assertThat(fitting("N.S.W."), equalTo(List.of(SYDNEY)));
    }

    @Test
    void regionNamesAndTheirBeginnings() {
        assertThat(fitting("Texas"), equalTo(List.of(PARIS_TEXAS)));
        assertThat(fitting("Tex"), equalTo(List.of(PARIS_TEXAS)));
        assertThat(fitting("tennessee"), equalTo(List.of(PARIS_TENNESSEE)));
        assertThat(fitting("Oregon"), equalTo(List.of(PORTLAND_OREGON)));
        assertThat(fitting("Ontario"), equalTo(List.of(TORONTO)));
        assertThat(fitting("New South Wales"), equalTo(List.of(SYDNEY)));
        assertThat(fitting("Львівська", "uk"), equalTo(List.of(LVIV_IN_UKRAINIAN)));
        assertThat(fitting("Lviv Oblast"), equalTo(List.of(LVIV_IN_ENGLISH)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Île-de-France", "Ile de France", "ile-de-france", "ILE DE FRANCE", "Île"})
    void regionNamesIgnoreCaseDiacriticsSpacesAndHyphens(String qualifier) {
        assertThat(fitting(qualifier), equalTo(List.of(PARIS_FRANCE)));
    }

    @Test
    void georgiaIsACountryAndAState() {
        assertThat(fitting("Georgia"), equalTo(List.of(TBILISI, ATLANTA)));
        assertThat(fitting("GE"), equalTo(List.of(TBILISI)));
        assertThat(fitting("GA"), equalTo(List.of(ATLANTA)));
        assertThat(fitting("Грузія", "uk"), equalTo(List.of(TBILISI)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Narnia", "Atlantis", "ZZ", "X", "Unite", "Ukrain", "12345"})
    void aQualifierThatNamesNothingFitsNothing(String qualifier) {
        assertThat(fitting(qualifier), equalTo(List.of()));
    }

    @Test
    void theCountriesAQualifierPins() {
        assertThat(new Qualifier("UK", "en").countries(), equalTo(Set.of("GB")));
        assertThat(new Qualifier("U.S.A.", "en").countries(), equalTo(Set.of("US")));
        assertThat(new Qualifier("Україна", "uk").countries(), equalTo(Set.of("UA")));
        assertThat(new Qualifier("Texas", "en").countries(), equalTo(Set.of("US")));
        assertThat(new Qualifier("NY", "en").countries(), equalTo(Set.of("US")));
        assertThat(new Qualifier("NSW", "en").countries(), equalTo(Set.of("AU")));
        assertThat("Israel and Illinois", new Qualifier("IL", "en").countries(), equalTo(Set.of("IL", "US")));
        assertThat(new Qualifier("Georgia", "en").countries(), equalTo(Set.of("GE", "US")));
        assertThat("a region the tables do not know may be anywhere",
                new Qualifier("Île-de-France", "en").countries(), equalTo(Set.of()));
        assertThat(new Qualifier("Narnia", "en").countries(), equalTo(Set.of()));
    }

    @Test
    void foldingDropsCaseDiacriticsAndPunctuation() {
        assertThat(Qualifier.fold("U.S.A."), equalTo("usa"));
        assertThat(Qualifier.fold("Île-de-France"), equalTo(Qualifier.fold("Ile de France")));
        assertThat(Qualifier.fold("Côte d’Ivoire"), equalTo("cotedivoire"));
        assertThat(Qualifier.fold("Обʼєднані"), equalTo(Qualifier.fold("Об'єднані")));
        assertThat(Qualifier.fold(null), equalTo(""));
    }
}
