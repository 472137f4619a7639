package dev.weatheragent.e2e;

import dev.weatheragent.fakes.FakeHttpServer;
import dev.weatheragent.fakes.FakeOpenMeteo.Place;
import dev.weatheragent.fakes.FakeTelegram.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Every command and message kind, end to end through the real wiring, fake Telegram and fake Open-Meteo. */
class CommandsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private BotHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new BotHarness().start();
    }

    @AfterEach
    void stop() throws Exception {
        h.closeCheckingSpec();
    }

    private Sent ask(long chat, String text, String language) throws InterruptedException {
        return h.ask(chat, text, language, WAIT);
    }

    @Test
    void startupChecksTokenPublishesMenusAndPollsForTheKindsItHandles() throws Exception {
        h.telegram.sendText(6, "/help", "en");
        h.telegram.awaitSentTo(6, 1, WAIT);
        List<String> calls = h.telegram.calls();
        assertThat("getMe and getWebhookInfo side by side, then polling", Set.copyOf(calls.subList(0, 2)),
                equalTo(Set.of("getMe", "getWebhookInfo")));
        assertThat(calls, hasItem("getUpdates"));
        assertThat(h.telegram.awaitCommandMenus(2, WAIT).toString(), allOf(containsString("\"weather\""),
                containsString("\"language_code\":\"uk\""), containsString("Погода зараз")));
        var poll = h.telegram.polls().getFirst();
        assertThat(poll.allowedUpdates(), equalTo(List.of("message", "callback_query", "inline_query")));
        assertThat(poll.timeout(), equalTo((int) BotHarness.POLL_TIMEOUT.toSeconds()));
    }

    @Test
    void helpAndStartNameTheCommandsAndTheAttributionInTheUsersLanguage() throws Exception {
        Sent en = ask(1, "/start", "en");
        assertThat(en.plainText(), allOf(containsString("/weather"), containsString("/forecast"),
                containsString("/units"), containsString("Weather data by Open-Meteo.com")));
        assertThat(en.parseMode(), equalTo("HTML"));
        Sent uk = ask(1, "/help", "uk");
        assertThat(uk.plainText(), allOf(containsString("Бот погоди"), containsString("Open-Meteo.com")));
    }

    @Test
    void weatherNowForAPlaceAnswersTheMessageWithEveryFact() throws Exception {
        h.telegram.sendText(7, "/weather Kyiv", "en");
        Sent reply = h.telegram.awaitSentTo(7, 1, WAIT).getFirst();
        assertThat(reply.plainText(), allOf(startsWith("Kyiv, Kyiv City, Ukraine"), containsString("local time"),
                containsString("Overcast"), containsString("°C"), containsString("feels like"),
                containsString("Wind 14 km/h NW, gusts 30 km/h"), containsString("Chance of precipitation today: 5%"),
                containsString("Today:")));
        assertThat("answers the user's message", reply.replyTo(), is(not(nullValue())));
        var call = h.meteo.forecastCalls().getFirst();
        assertThat(call.latitude(), equalTo(50.45));
        assertThat(call.longitude(), equalTo(30.52));
        assertThat(call.temperatureUnit(), equalTo("celsius"));
        assertThat(h.meteo.searchCalls().getFirst().get("language"), equalTo("en"));
    }

    @Test
    void ukrainianUsersGetUkrainianRepliesAndUkrainianPlaceNames() throws Exception {
        Sent reply = ask(8, "/weather Київ", "uk");
        assertThat(reply.plainText(), allOf(startsWith("Київ, Україна"), containsString("відчувається як"),
                containsString("км/год"), containsString("місцевий час")));
        assertThat(h.meteo.searchCalls().getFirst().get("language"), equalTo("uk"));
    }

    @Test
    void unitsArePerChatAndPassedToOpenMeteo() throws Exception {
        assertThat(ask(9, "/units imperial", "en").plainText(), containsString("imperial"));
        Sent imperial = ask(9, "/weather Kyiv", "en");
        assertThat(imperial.plainText(), allOf(containsString("°F"), containsString("mph")));
        var call = h.meteo.forecastCalls().getLast();
        assertThat(List.of(call.temperatureUnit(), call.windUnit(), call.precipitationUnit()),
                equalTo(List.of("fahrenheit", "mph", "inch")));
        assertThat("another chat keeps metric", ask(10, "/weather Kyiv", "en").plainText(), containsString("°C"));
        assertThat(ask(9, "/units", "en").plainText(), containsString("Units now: imperial"));
        assertThat(ask(9, "/units kelvin", "en").plainText(), containsString("/units metric"));
    }

    @Test
    void forecastHasOneLinePerDayAndHintsAtBadDayCounts() throws Exception {
        Sent five = ask(11, "/forecast Lviv 5", "en");
        assertThat(five.plainText(), startsWith("Lviv, Lviv Oblast, Ukraine — 5-day forecast"));
        assertThat(five.plainText().lines().count(), equalTo(6L));
        assertThat(five.plainText(), allOf(containsString("Clear sky"), containsString("mm (")));
        Sent three = ask(11, "/forecast Lviv", "en");
        assertThat(three.plainText(), containsString("3-day forecast"));
        for (String bad : List.of("17", "0", "-2", "2.5")) {
            assertThat(ask(11, "/forecast Lviv " + bad, "en").plainText(),
                    allOf(containsString("“" + bad + "”"), containsString("1 to 16")));
        }
        assertThat(ask(11, "/forecast", "en").plainText(), containsString("Which place?"));
        assertThat(ask(11, "/forecast 5", "en").plainText(), containsString("Which place?"));
    }

    @Test
    void aSharedLocationGetsTheWeatherAtThatPoint() throws Exception {
        h.telegram.sendLocation(12, 49.8383, 24.0232);
        Sent reply = h.telegram.awaitSentTo(12, 1, WAIT).getFirst();
        assertThat(reply.plainText(), allOf(startsWith("Location 49.8383, 24.0232"), containsString("°C")));
        assertThat(h.meteo.forecastCalls().getFirst().latitude(), equalTo(49.84));
        assertThat("no geocoding for a point", h.meteo.searchCalls(), is(empty()));
    }

    @Test
    void unknownPlacesGetAFriendlyHintAndAmbiguousOnesSayWhichWasChosen() throws Exception {
        assertThat(ask(13, "/weather Atlantis", "en").plainText(),
                allOf(containsString("couldn’t find “Atlantis”"), containsString("/weather Kyiv")));
        assertThat("one letter is never a place", ask(13, "/weather X", "en").plainText(),
                containsString("couldn’t find"));
        Sent paris = ask(13, "/weather Paris", "en");
        assertThat(paris.plainText(), allOf(startsWith("Paris, Île-de-France, France"),
                containsString("3 places match “Paris”"), containsString("Paris, Texas, United States"),
                containsString("/weather Paris, Texas")));
        Sent texas = ask(13, "/weather Paris, Texas", "en");
        assertThat(texas.plainText(), startsWith("Paris, Texas, United States"));
        assertThat(ask(13, "/weather Paris, Narnia", "en").plainText(),
                startsWith("No “Paris” in “Narnia” found; here is Paris, Île-de-France, France:"));
        assertThat(ask(13, "/weather " + "x".repeat(150), "en").plainText(), containsString("too long"));
    }

    @Test
    void placeNamesFromOpenMeteoAreEscaped() throws Exception {
        h.meteo.place("Evil", new Place(1, "<b>Evil & Co</b>", "A<B", "C&D", "XX", 10, 10, "GMT", 5));
        Sent reply = ask(14, "/weather Evil", "en");
        assertThat(reply.text(), containsString("&lt;b&gt;Evil &amp; Co&lt;/b&gt;, A&lt;B, C&amp;D"));
        assertThat(reply.plainText(), startsWith("<b>Evil & Co</b>, A<B, C&D"));
        assertThat("Telegram accepted it as HTML", reply.parseMode(), equalTo("HTML"));
        Sent echoed = ask(14, "/weather <i>&amp;", "en");
        assertThat(echoed.plainText(), containsString("“<i>&amp;”"));
    }

    @Test
    void longRepliesAreSplitAtLineBreaksWithinTelegramsLimit() throws Exception {
        String longName = "Llanfair" + "pwllgwyngyll".repeat(300);
        h.meteo.place("Llanfair", new Place(2, longName, "Wales", "United Kingdom", "GB", 53.22, -4.2,
                "Europe/London", 3000));
        h.telegram.sendText(15, "/forecast Llanfair 16", "en");
        List<Sent> parts = h.telegram.awaitSentTo(15, 2, WAIT);
        for (Sent part : parts) {
            assertThat(part.plainText().length(), lessThanOrEqualTo(4096));
        }
        String joined = parts.get(0).plainText() + "\n" + parts.get(1).plainText();
        assertThat(joined.lines().count(), equalTo(17L));
        assertThat(parts.get(1).replyTo(), is(nullValue()));
    }

    @Test
    void aReplyTelegramCannotParseIsResentAsPlainText() throws Exception {
        h.telegram.rejectHtml(1);
        Sent reply = ask(16, "/help", "en");
        assertThat(reply.parseMode(), is(nullValue()));
        assertThat(reply.text(), allOf(containsString("/weather [place]"), not(containsString("<b>"))));
    }

    @Test
    void freeTextCommandsForOtherBotsAndOtherMessages() throws Exception {
        assertThat(ask(17, "will it rain in Lviv tomorrow?", "en").plainText(), containsString("/weather Kyiv"));
        assertThat(ask(17, "/weather@WeatherTestBot Kyiv", "en").plainText(), startsWith("Kyiv"));
        assertThat(ask(17, "/frobnicate", "en").plainText(), containsString("I don’t know /frobnicate"));
        h.telegram.sendText(-100, "/weather@OtherBot Kyiv", "en");
        h.telegram.sendText(-100, "hello group", "en");
        h.telegram.sendText(-100, "/help", "en");
        Sent group = h.telegram.awaitSentTo(-100, 1, WAIT).getFirst();
        assertThat("only the command for this bot is answered in a group", group.plainText(),
                containsString("Weather bot"));
        h.telegram.awaitAllConfirmed(WAIT);
        assertThat(h.telegram.sentTo(-100), hasSize(1));
    }

    @Test
    void anOpenMeteoOutageGetsAFriendlyReplyAndIsNotCached() throws Exception {
        h.meteo.fail(FakeHttpServer.json(500, "{}"), FakeHttpServer.json(502, "<html>bad gateway</html>"),
                FakeHttpServer.json(503, "{}"));
        assertThat(ask(18, "/weather Kyiv", "en").plainText(), containsString("weather service is unavailable"));
        assertThat(h.meteo.requests(), equalTo(3));
        assertThat(ask(18, "/weather Kyiv", "en").plainText(), startsWith("Kyiv"));
    }

    @Test
    void repeatedQuestionsAreServedFromTheCache() throws Exception {
        for (int i = 0; i < 5; i++) {
            ask(19, i % 2 == 0 ? "/weather Kyiv" : "/forecast kyiv 4", "en");
        }
        assertThat("one geocoding and one forecast call", h.meteo.requests(), equalTo(2));
    }
}
