package dev.weatheragent.e2e;

import dev.weatheragent.fakes.FakeTelegram.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Place names with a country, state or region after the comma ("London, UK"), end to end through the real wiring,
 * fake Telegram and the fake geocoder, which filters by {@code countryCode} and names places per language as
 * Open-Meteo does.
 */
class PlaceQualifiersEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private BotHarness h;
    /** A new chat for each question, so Telegram's one-message-a-second pacing per chat does not slow the test. */
    private long chat = 100;

    @BeforeEach
    void start() throws Exception {
        h = new BotHarness().start();
    }

    @AfterEach
    void stop() throws Exception {
        h.closeCheckingSpec();
    }

    private Sent ask(String text, String language) throws InterruptedException {
        chat++;
        return h.ask(chat, text, language, WAIT);
    }

    private Map<String, String> lastSearch() {
        return h.meteo.searchCalls().getLast();
    }

    @Test
    void londonUkIsLondonInGreatBritainAskedOfTheGeocoderAsSuch() throws Exception {
        Sent reply = ask("/weather London, UK", "en");
        assertThat(reply.plainText(), allOf(startsWith("London, England, United Kingdom"), containsString("°C")));
        assertThat("London, Ontario was filtered out by the geocoder", reply.plainText(),
                not(containsString("places match")));
        assertThat(lastSearch().get("name"), equalTo("London"));
        assertThat(lastSearch().get("countryCode"), equalTo("GB"));
        assertThat(h.meteo.searchCalls().size(), equalTo(1));
    }

    @Test
    void portlandUsaIsTheBiggerPortlandAndNamesTheOther() throws Exception {
        Sent reply = ask("/weather Portland, USA", "en");
        assertThat(reply.plainText(), allOf(startsWith("Portland, Oregon, United States"),
                containsString("2 places match “Portland, USA”"), containsString("Portland, Maine, United States"),
                not(containsString("Australia"))));
        assertThat(lastSearch().get("countryCode"), equalTo("US"));
    }

    @Test
    void stateAbbreviationsAndTheDistrict() throws Exception {
        assertThat(ask("/weather New York, NY", "en").plainText(), startsWith("New York, United States"));
        assertThat(lastSearch().get("countryCode"), equalTo("US"));
        Sent washington = ask("/weather Washington, D.C.", "en");
        assertThat(washington.plainText(), allOf(startsWith("Washington, Washington, D.C., United States"),
                not(containsString("England"))));
        assertThat(lastSearch().get("countryCode"), equalTo("US"));
    }

    @Test
    void ukrainianAndEnglishCountryNamesForAUkrainianChat() throws Exception {
        Sent lviv = ask("/weather Львів, Україна", "uk");
        assertThat(lviv.plainText(), allOf(startsWith("Львів, Львівська область, Україна"),
                containsString("відчувається як")));
        assertThat(lastSearch().get("countryCode"), equalTo("UA"));
        assertThat(lastSearch().get("language"), equalTo("uk"));
        Sent kyiv = ask("/weather Kyiv, Ukraine", "uk");
        assertThat("the geocoder named it in Ukrainian; the English country name still fits", kyiv.plainText(),
                startsWith("Київ, Україна"));
        assertThat(lastSearch().get("countryCode"), equalTo("UA"));
    }

    @Test
    void aForecastForSpringfieldUsNamesTheOtherSpringfields() throws Exception {
        Sent reply = ask("/forecast Springfield, US 2", "en");
        List<String> lines = reply.plainText().lines().toList();
        assertThat(lines.getFirst(), equalTo("Springfield, Missouri, United States — 2-day forecast"));
        assertThat(lines.subList(1, 3).stream().allMatch(line -> line.contains("mm (")), is(true));
        assertThat(reply.plainText(), allOf(containsString("3 places match “Springfield, US”"),
                containsString("Springfield, Illinois, United States"),
                containsString("/forecast Springfield, Massachusetts")));
        assertThat(lastSearch().get("countryCode"), equalTo("US"));
    }

    @Test
    void aQualifierThatMatchesNothingIsNamedAndTheBestPlaceOfTheNameAnswered() throws Exception {
        List<String> lines = ask("/weather Paris, Narnia", "en").plainText().lines().toList();
        assertThat(lines.get(0), equalTo("No “Paris” in “Narnia” found; here is Paris, Île-de-France, France:"));
        assertThat(lines.get(1), equalTo(""));
        assertThat(lines.get(2), startsWith("Paris, Île-de-France, France"));
        assertThat("no ambiguity note for a place that does not fit",
                String.join("\n", lines), not(containsString("places match")));
        assertThat("searched world-wide", lastSearch().containsKey("countryCode"), is(false));
    }

    @Test
    void aCountryWithoutThePlaceSaysSoInUkrainian() throws Exception {
        Sent reply = ask("/weather Kyiv, UK", "uk");
        assertThat(reply.plainText(), startsWith("Не знайдено «Kyiv» у «UK»; ось Київ, Україна:\n\nКиїв, Україна"));
        assertThat(h.meteo.searchCalls().stream().map(call -> call.getOrDefault("countryCode", "-")).toList(),
                equalTo(List.of("GB", "-")));
    }

    @Test
    void theQualifierIsEscapedInTheReply() throws Exception {
        Sent reply = ask("/weather Paris, <b>Narnia</b> & Co", "en");
        assertThat(reply.text(), containsString("“&lt;b&gt;Narnia&lt;/b&gt; &amp; Co”"));
        assertThat(reply.plainText(), startsWith("No “Paris” in “<b>Narnia</b> & Co” found"));
    }

    @Test
    void anUnknownNameWithAQualifierIsStillNotFound() throws Exception {
        assertThat(ask("/weather Atlantis, UK", "en").plainText(), containsString("couldn’t find “Atlantis, UK”"));
    }
}
