package dev.weatheragent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weatheragent.fakes.FakeTelegram.InlineAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Inline mode end to end ({@code @bot Kyiv} in any chat), through the real wiring against the fake Telegram, which
 * checks every result against the Bot API spec and refuses answers after its ten-second window: places with the
 * weather now, the home place for an empty query, the caches, a slow Open-Meteo, and inline mode switched off.
 */
class InlineModeEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private BotHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.closeCheckingSpec();
        }
    }

    private InlineAnswer inline(long user, String query) throws InterruptedException {
        return h.telegram.awaitInlineAnswer(h.telegram.inlineQuery(user, query, "en"), WAIT);
    }

    private static List<String> titles(InlineAnswer answer) {
        List<String> titles = new ArrayList<>();
        answer.results().forEach(r -> titles.add(r.path("title").asText()));
        return titles;
    }

    @Test
    void aPlaceNameGetsOneArticlePerCandidateWithTheWeatherAnswerAsItsMessage() throws Exception {
        h = new BotHarness().start();
        InlineAnswer paris = inline(201, "Paris");
        assertThat(paris.results().size(), equalTo(3));
        JsonNode first = paris.results().get(0);
        assertThat(first.path("title").asText(),
                matchesPattern("Paris, Île-de-France, France — -?\\d+ °C, [a-z ]+"));
        assertThat(first.path("description").asText(), allOf(containsString("feels like"),
                containsString("Today")));
        assertThat(first.path("input_message_content").path("message_text").asText(),
                allOf(startsWith("<b>Paris, Île-de-France, France</b>"), containsString("Humidity")));
        assertThat(titles(paris), hasItem(startsWith("Paris, Texas, United States — ")));
        assertThat(paris.personal(), is(true));
        assertThat(paris.cacheTime(), equalTo(300));

        // Typed again (Telegram's own cache aside): the geocoding and forecast caches answer, no Open-Meteo call.
        int calls = h.meteo.requests();
        inline(201, "Paris");
        assertThat(h.meteo.requests(), equalTo(calls));
    }

    @Test
    void anEmptyQueryOffersTheHomePlaceOnlyWhenThereIsOne() throws Exception {
        h = new BotHarness().start();
        InlineAnswer none = inline(202, "");
        assertThat(none.results().size(), equalTo(0));
        assertThat(none.cacheTime(), lessThan(60));
        h.ask(202, "/home Kyiv", "en", WAIT);
        h.ask(202, "/units imperial", "en", WAIT);
        InlineAnswer home = inline(202, "");
        assertThat(titles(home), equalTo(List.of(titles(home).getFirst())));
        assertThat(titles(home).getFirst(), matchesPattern("Kyiv, Kyiv City, Ukraine — -?\\d+ °F, [a-z ]+"));
        assertThat(home.personal(), is(true));
        assertThat("another user's empty query is not about this home", inline(203, "").results().size(),
                equalTo(0));
    }

    @Test
    void inlineQueriesKeepToTheOpenMeteoBudgetAndLeaveOutWhatItCannotPayFor() throws Exception {
        h = new BotHarness();
        h.openMeteoPerMinute = 2;
        h.start();
        // One geocoding call and one forecast fit the minute's budget: the likeliest Paris only.
        InlineAnswer paris = inline(205, "Paris");
        assertThat(titles(paris), equalTo(List.of(titles(paris).getFirst())));
        assertThat(titles(paris).getFirst(), startsWith("Paris, Île-de-France, France — "));
        assertThat(h.meteo.requests(), equalTo(2));
        InlineAnswer none = inline(205, "Lviv");
        assertThat(none.results().size(), equalTo(0));
        assertThat(h.meteo.requests(), equalTo(2));
    }

    @Test
    void aSlowOpenMeteoMeansNoAnswerRatherThanALateOneAndTheBotGoesOn() throws Exception {
        h = new BotHarness().start();
        h.meteo.delay(Duration.ofSeconds(12));
        String query = h.telegram.inlineQuery(204, "Lviv", "en");
        long start = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofSeconds(11).toNanos()) {
            assertThat(h.telegram.inlineAnswers().stream().anyMatch(a -> a.inlineQueryId().equals(query)),
                    is(false));
            Thread.sleep(200);
        }
        assertThat("no answer tried past Telegram's window", h.telegram.calls(), not(hasItem("answerInlineQuery")));
        h.meteo.delay(Duration.ZERO);
        assertThat(h.ask(204, "/weather Kyiv", "en", WAIT).plainText(), startsWith("Kyiv"));
    }

    @Test
    void inlineModeSwitchedOffIsReportedWithTheBotFatherCommand() throws Exception {
        h = new BotHarness();
        h.telegram.inlineMode(false);
        List<String> lines = new ArrayList<>();
        Logger logger = Logger.getLogger("dev.weatheragent.telegram.StartupHandshake");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            h.start();
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(lines, hasItem(allOf(containsString("inline mode is off"), containsString("/setinline"))));
    }
}
