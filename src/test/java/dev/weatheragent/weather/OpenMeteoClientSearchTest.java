package dev.weatheragent.weather;

import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.metrics.BotMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Geocoding through the client against the fake Open-Meteo: the country filter and what is cached under which key. */
class OpenMeteoClientSearchTest {

    private final FakeOpenMeteo meteo;
    private final OpenMeteoClient client;

    OpenMeteoClientSearchTest() throws IOException {
        meteo = new FakeOpenMeteo(Clock.systemUTC());
        client = new OpenMeteoClient(meteo.forecastUrl(), meteo.geocodingUrl(), meteo.airQualityUrl(),
                new CallBudget(600, Clock.systemUTC()), BotMetrics.off());
    }

    @AfterEach
    void close() throws IOException {
        meteo.close();
    }

    private static List<String> countries(List<Place> places) {
        return places.stream().map(Place::countryCode).toList();
    }

    @Test
    void aCountryCodeIsSentAndOnlyThatCountryComesBack() {
        List<Place> british = client.search("London", "en", 10, "GB");
        assertThat(countries(british), equalTo(List.of("GB")));
        assertThat(british.getFirst().admin1(), equalTo(FakeOpenMeteo.LONDON.admin1()));
        assertThat(meteo.searchCalls().getLast().get("countryCode"), equalTo("GB"));
    }

    @Test
    void withoutACountryNoCountryCodeIsSent() {
        assertThat(countries(client.search("London", "en", 10)), equalTo(List.of("GB", "CA", "US")));
        assertThat(meteo.searchCalls().getLast().containsKey("countryCode"), is(false));
    }

    @Test
    void theCountryIsPartOfTheCacheKey() {
        client.search("London", "en", 10, "GB");
        assertThat("a world-wide search is not the British one", client.search("London", "en", 10), hasSize(3));
        assertThat(client.search("London", "en", 10, "CA").getFirst().admin1(), equalTo("Ontario"));
        client.search("london ", "en", 10, "GB");
        client.search("London", "en", 10);
        assertThat("repeats come from the cache", meteo.searchCalls(), hasSize(3));
    }

    @Test
    void onlyUpperCaseAlpha2CodesAreAccepted() {
        for (String bad : List.of("gb", "GBR", "", "G1")) {
            assertThrows(IllegalArgumentException.class, () -> client.search("London", "en", 10, bad), bad);
        }
        assertThat(meteo.searchCalls(), hasSize(0));
    }
}
