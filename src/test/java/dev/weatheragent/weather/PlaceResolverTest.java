package dev.weatheragent.weather;

import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.metrics.BotMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** The resolver with the real client against the fake geocoder: what it asks and what it chooses. */
class PlaceResolverTest {

    private final FakeOpenMeteo meteo;
    private final PlaceResolver resolver;

    PlaceResolverTest() throws IOException {
        meteo = new FakeOpenMeteo(Clock.systemUTC());
        resolver = new PlaceResolver(new OpenMeteoClient(meteo.forecastUrl(), meteo.geocodingUrl(),
                meteo.airQualityUrl(), new CallBudget(600, Clock.systemUTC()), BotMetrics.off()));
    }

    @AfterEach
    void close() throws IOException {
        meteo.close();
    }

    private PlaceMatch resolve(String text, String language) {
        return resolver.resolve(text, language).orElseThrow();
    }

    private PlaceMatch resolve(String text) {
        return resolve(text, "en");
    }

    private static List<String> labels(List<Place> places) {
        return places.stream().map(Place::label).toList();
    }

    /** The search parameters that matter here: country code (or "-") and count, per call. */
    private List<String> searches() {
        return meteo.searchCalls().stream().map(PlaceResolverTest::search).toList();
    }

    private static String search(Map<String, String> call) {
        return call.getOrDefault("countryCode", "-") + " " + call.get("count");
    }

    @Test
    void aPlainNameIsTheMostPopulousOfTenWithTheOthersInTheGeocodersOrder() {
        PlaceMatch paris = resolve("Paris");
        assertThat(paris.place().label(), equalTo("Paris, Île-de-France, France"));
        assertThat(labels(paris.others()), equalTo(List.of("Paris, Texas, United States",
                "Paris, Tennessee, United States")));
        assertThat(paris.unmatched(), equalTo(List.of()));
        assertThat(searches(), equalTo(List.of("- 10")));
    }

    @Test
    void aQualifierNamingOneCountrySearchesThatCountry() {
        PlaceMatch london = resolve("London, UK");
        assertThat(london.place().label(), equalTo("London, England, United Kingdom"));
        assertThat(london.others(), equalTo(List.of()));
        assertThat(london.query(), equalTo(new PlaceQuery("London", List.of("UK"))));
        assertThat(searches(), equalTo(List.of("GB 10")));
    }

    @Test
    void everyQualifierMustFitAndTogetherTheyPinTheCountry() {
        assertThat(resolve("Springfield, IL, US").place().label(), equalTo("Springfield, Illinois, United States"));
        assertThat(resolve("Portland, Oregon, USA").place().label(), equalTo("Portland, Oregon, United States"));
        assertThat(searches(), equalTo(List.of("US 10", "US 10")));
    }

    @Test
    void aCountryWithSeveralPlacesOfTheNameKeepsThemAll() {
        PlaceMatch springfield = resolve("Springfield, US");
        assertThat(springfield.place().admin1(), equalTo("Missouri"));
        assertThat(labels(springfield.others()), equalTo(List.of("Springfield, Massachusetts, United States",
                "Springfield, Illinois, United States")));
        PlaceMatch portland = resolve("Portland, USA");
        assertThat(portland.place().admin1(), equalTo("Oregon"));
        assertThat(labels(portland.others()), equalTo(List.of("Portland, Maine, United States")));
    }

    @Test
    void statesProvincesAndTheDistrictPinTheirCountry() {
        assertThat(resolve("New York, NY").place().label(), equalTo("New York, United States"));
        PlaceMatch washington = resolve("Washington, D.C.");
        assertThat(washington.place().label(), equalTo("Washington, Washington, D.C., United States"));
        assertThat("Washington in England is not in the US", washington.others(), equalTo(List.of()));
        assertThat(resolve("Toronto, ON").place().label(), equalTo("Toronto, Ontario, Canada"));
        assertThat(resolve("Sydney, NSW").place().label(), equalTo("Sydney, New South Wales, Australia"));
        assertThat(resolve("Sydney, NS").place().label(), equalTo("Sydney, Nova Scotia, Canada"));
        assertThat(searches(), equalTo(List.of("US 10", "US 10", "CA 10", "AU 10", "CA 10")));
    }

    @Test
    void aRegionOrANameOfTwoCountriesIsFilteredFromAWiderWorldWideSearch() {
        assertThat(resolve("Paris, Tex").place().label(), equalTo("Paris, Texas, United States"));
        assertThat(resolve("Paris, Ile de France").place().label(), equalTo("Paris, Île-de-France, France"));
        assertThat(resolve("Tbilisi, Georgia").place().label(), equalTo("Tbilisi, Georgia"));
        assertThat(resolve("Atlanta, Georgia").place().label(), equalTo("Atlanta, Georgia, United States"));
        assertThat("both Paris questions share one cached search", searches(),
                equalTo(List.of("- 50", "- 50", "- 50")));
    }

    @Test
    void ukrainianAndEnglishCountryNamesFitPlacesNamedInUkrainian() {
        PlaceMatch lviv = resolve("Львів, Україна", "uk");
        assertThat(lviv.place().label(), equalTo("Львів, Львівська область, Україна"));
        PlaceMatch kyiv = resolve("Kyiv, Ukraine", "uk");
        assertThat(kyiv.place().label(), equalTo("Київ, Україна"));
        assertThat(resolve("Львів, Львівська", "uk").place().name(), equalTo("Львів"));
        assertThat(searches(), equalTo(List.of("UA 10", "UA 10", "- 50")));
        assertThat(meteo.searchCalls().getFirst().get("language"), equalTo("uk"));
    }

    @Test
    void aQualifierThatFitsNothingGivesTheBestPlaceOfTheNameAndSaysWhichDidNotFit() {
        PlaceMatch narnia = resolve("Paris, Narnia");
        assertThat(narnia.place().label(), equalTo("Paris, Île-de-France, France"));
        assertThat(narnia.unmatched(), equalTo(List.of("Narnia")));
        assertThat("every Paris is a candidate", narnia.candidates(), hasSize(3));
        assertThat(searches(), equalTo(List.of("- 50")));
    }

    @Test
    void aCountryWithoutThePlaceFallsBackToTheWorldAndSaysSo() {
        PlaceMatch kyiv = resolve("Kyiv, UK");
        assertThat(kyiv.place().label(), equalTo("Kyiv, Kyiv City, Ukraine"));
        assertThat(kyiv.unmatched(), equalTo(List.of("UK")));
        assertThat(searches(), equalTo(List.of("GB 10", "- 50")));
    }

    @Test
    void withQualifiersThatCannotAllFitThePlaceFittingMostIsChosen() {
        PlaceMatch paris = resolve("Paris, Tennessee, US, Narnia");
        assertThat(paris.place().label(), equalTo("Paris, Tennessee, United States"));
        assertThat(paris.unmatched(), equalTo(List.of("Narnia")));
        PlaceMatch split = resolve("Paris, Tennessee, France");
        assertThat("one fit each: the more populous", split.place().label(),
                equalTo("Paris, Île-de-France, France"));
        assertThat(split.unmatched(), equalTo(List.of("Tennessee")));
    }

    @Test
    void anUnknownNameIsNotFoundWhateverItsQualifiers() {
        assertThat(resolver.resolve("Atlantis", "en"), is(Optional.empty()));
        assertThat(resolver.resolve("Atlantis, UK", "en"), is(Optional.empty()));
        assertThat(resolver.resolve("Atlantis, Narnia", "en"), is(Optional.empty()));
        assertThat("the world-wide search is cached for the second", searches(),
                equalTo(List.of("- 10", "GB 10", "- 50")));
    }

    @Test
    void noNameMeansNoSearch() {
        assertThat(resolver.resolve(", UK", "en"), is(Optional.empty()));
        assertThat(resolver.resolve("  ", "en"), is(Optional.empty()));
        assertThat(meteo.searchCalls(), hasSize(0));
    }
}
