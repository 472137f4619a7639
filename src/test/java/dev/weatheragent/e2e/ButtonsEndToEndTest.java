package dev.weatheragent.e2e;

import dev.weatheragent.fakes.FakeHttpServer;
import dev.weatheragent.fakes.FakeTelegram.CallbackAnswer;
import dev.weatheragent.fakes.FakeTelegram.Edit;
import dev.weatheragent.fakes.FakeTelegram.Photo;
import dev.weatheragent.fakes.FakeTelegram.PhotoEdit;
import dev.weatheragent.fakes.FakeTelegram.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Inline keyboards end to end, through the real wiring against the fake Telegram (which checks callback_data's
 * 64 bytes, "message is not modified" and the answer window as Telegram does): choosing among same-named places,
 * day buttons editing one message (a chart's picture replaced with editMessageMedia), settings buttons that persist
 * across a restart, "Save as home", and stale, forged and foreign buttons, each answered and changing nothing.
 */
class ButtonsEndToEndTest {

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

    private Sent ask(long chat, String text) throws InterruptedException {
        return h.ask(chat, text, "en", WAIT);
    }

    private CallbackAnswer press(long chat, Sent message, String label) throws InterruptedException {
        return h.telegram.awaitCallbackAnswer(h.telegram.pressButton(chat, message.messageId(), label), WAIT);
    }

    @Test
    void anAmbiguousPlaceOffersTheOthersAndAPressEditsTheAnswerIntoThatPlace() throws Exception {
        Sent paris = ask(101, "/weather Paris");
        assertThat(paris.plainText(), startsWith("Paris, Île-de-France, France"));
        assertThat(paris.buttonLabels(), allOf(hasItem("Paris, Texas, United States"),
                hasItem("Paris, Tennessee, United States"), hasItem("✓ Now"), hasItem("7 days")));
        assertThat(paris.buttonData().stream().map(d -> d.getBytes(StandardCharsets.UTF_8).length).toList(),
                everyItem(lessThanOrEqualTo(64)));

        CallbackAnswer answer = press(101, paris, "Paris, Texas, United States");
        assertThat(answer.text(), is(nullValue()));
        List<Edit> edits = h.telegram.awaitEdits(101, paris.messageId(), 1, WAIT);
        assertThat(edits.getFirst().plainText(), startsWith("Paris, Texas, United States"));
        assertThat(h.telegram.shownLabels(101, paris.messageId()), allOf(hasItem("Paris, Île-de-France, France"),
                hasItem("Paris, Tennessee, United States"), not(hasItem("Paris, Texas, United States"))));
        assertThat("one message, edited: no new one", h.telegram.sentTo(101), hasSize(1));
    }

    @Test
    void dayButtonsEditTheSameMessageAndTheSamePressTwiceIsNoError() throws Exception {
        Sent kyiv = ask(102, "/forecast Kyiv");
        assertThat(kyiv.plainText(), containsString("3-day forecast"));
        assertThat(kyiv.buttonLabels(), contains("Now", "1 day", "✓ 3 days", "7 days"));

        press(102, kyiv, "7 days");
        assertThat(h.telegram.awaitEdits(102, kyiv.messageId(), 1, WAIT).getLast().plainText(),
                containsString("7-day forecast"));
        assertThat(h.telegram.shownLabels(102, kyiv.messageId()), contains("Now", "1 day", "3 days", "✓ 7 days"));

        // Two presses of one button before the first edit shows: the second edit changes nothing.
        String data = h.telegram.shownButtons(102, kyiv.messageId()).getFirst();
        String first = h.telegram.press(102, kyiv.messageId(), data);
        String second = h.telegram.press(102, kyiv.messageId(), data);
        h.telegram.awaitCallbackAnswer(first, WAIT);
        assertThat(h.telegram.awaitCallbackAnswer(second, WAIT).text(), is(nullValue()));
        assertThat(h.telegram.shownText(102, kyiv.messageId()), allOf(startsWith("Kyiv, Kyiv City, Ukraine"),
                containsString("Humidity")));
        assertThat(h.telegram.edits().stream().filter(e -> e.chatId() == 102).toList(), hasSize(2));
        assertThat(h.telegram.sentTo(102), hasSize(1));
    }

    @Test
    void chartDayButtonsReplaceThePictureOfTheSameMessage() throws Exception {
        h.telegram.sendText(111, "/chart Paris", "en");
        Photo chart = h.telegram.awaitPhotosTo(111, 1, WAIT).getFirst();
        List<String> labels = new ArrayList<>();
        chart.replyMarkup().path("inline_keyboard")
                .forEach(row -> row.forEach(b -> labels.add(b.path("text").asText())));
        assertThat(labels, allOf(hasItem("✓ 3 days"), hasItem("7 days"), hasItem("Paris, Texas, United States"),
                not(hasItem("Now"))));

        assertThat(h.telegram.awaitCallbackAnswer(h.telegram.pressButton(111, chart.messageId(), "7 days"), WAIT)
                .text(), is(nullValue()));
        List<PhotoEdit> edits = h.telegram.photoEdits();
        assertThat(edits, hasSize(1));
        PhotoEdit seven = edits.getFirst();
        assertThat(seven.messageId(), equalTo(chart.messageId()));
        assertThat(seven.plainCaption(), allOf(startsWith("Paris, Île-de-France, France"),
                containsString("7-day chart")));
        assertThat(seven.width(), equalTo(chart.width()));
        assertThat(seven.png(), not(equalTo(chart.png())));
        assertThat(h.telegram.shownLabels(111, chart.messageId()), hasItem("✓ 7 days"));

        h.telegram.awaitCallbackAnswer(h.telegram.pressButton(111, chart.messageId(), "Paris, Texas, United States"),
                WAIT);
        assertThat(h.telegram.photoEdits().getLast().plainCaption(), allOf(startsWith("Paris, Texas, United States"),
                containsString("7-day chart")));
        assertThat("one picture, replaced: no new one", h.telegram.photos().stream()
                .filter(p -> p.chatId() == 111).toList(), hasSize(1));
    }

    @Test
    void aPressWhenOpenMeteoIsDownIsAnsweredWithAToastAndTheMessageStays() throws Exception {
        Sent kyiv = ask(103, "/weather Kyiv");
        // Imperial units are a forecast of their own, not in the cache yet.
        ask(103, "/units imperial");
        FakeHttpServer.Action down = FakeHttpServer.json(503, "{\"error\":true,\"reason\":\"down\"}");
        h.meteo.fail(down, down, down, down);
        assertThat(press(103, kyiv, "1 day").text(), containsString("weather service is unavailable"));
        assertThat(h.telegram.edits(), is(empty()));
    }

    @Test
    void staleButtonsGetAPoliteToastAndDoNothing() throws Exception {
        Sent kyiv = ask(104, "/weather Kyiv");
        String data = kyiv.buttonData().get(1);
        // A message older than 48 hours: Telegram sends an InaccessibleMessage.
        assertThat(h.telegram.awaitCallbackAnswer(h.telegram.pressOnInaccessible(104, kyiv.messageId(), data), WAIT)
                .text(), containsString("older message"));
        // Data of another format version: from before a code change.
        assertThat(h.telegram.awaitCallbackAnswer(h.telegram.press(104, kyiv.messageId(), "0w.x.0.1.AAAAAAAA"),
                WAIT).text(), containsString("older message"));
        // After a restart, the places behind the buttons are gone.
        h.stop();
        h.start();
        assertThat(h.telegram.awaitCallbackAnswer(h.telegram.press(104, kyiv.messageId(), data), WAIT).text(),
                containsString("older message"));
        assertThat(h.telegram.edits(), is(empty()));
    }

    @Test
    void forgedMalformedAndForeignButtonsAreRejectedWithoutSideEffects() throws Exception {
        Sent settings = ask(105, "/settings");
        Sent other = ask(106, "/settings");
        String imperial = settings.buttonData().get(1);
        for (String forged : List.of("garbage", "1c.u.imperial.AAAAAAAA", "1c.u.imperial", "1", "é".repeat(32),
                imperial.substring(0, imperial.length() - 1) + (imperial.endsWith("A") ? "B" : "A"))) {
            assertThat(forged, h.telegram.awaitCallbackAnswer(h.telegram.press(105, settings.messageId(), forged),
                    WAIT).text(), equalTo("This button does not work here."));
        }
        // Chat 105's button pressed under chat 106's message: made for another chat.
        assertThat(h.telegram.awaitCallbackAnswer(h.telegram.press(106, other.messageId(), imperial), WAIT).text(),
                equalTo("This button does not work here."));
        assertThat(h.telegram.edits(), is(empty()));
        assertThat(ask(105, "/units").plainText(), containsString("Units now: metric"));
        assertThat(ask(106, "/units").plainText(), containsString("Units now: metric"));
    }

    @Test
    void settingsButtonsStoreTheChangeEditTheMessageAndSurviveARestart() throws Exception {
        ask(107, "/home Kyiv");
        Sent settings = ask(107, "/settings");
        assertThat(settings.buttonLabels(), allOf(hasItem("✓ °C, km/h, mm"), hasItem("°F, mph, inch"),
                hasItem("✓ 🔕 Alerts off"), hasItem("📅 07:00")));

        assertThat(press(107, settings, "°F, mph, inch").text(), containsString("Units set to imperial"));
        assertThat(h.telegram.shownText(107, settings.messageId()), containsString("Units: imperial"));
        assertThat(press(107, settings, "🔔 Alerts on").text(), containsString("Weather alerts on for"));
        assertThat(press(107, settings, "📅 07:00").text(), containsString("Every day at 07:00"));
        assertThat(h.telegram.shownLabels(107, settings.messageId()), allOf(hasItem("✓ °F, mph, inch"),
                hasItem("✓ 🔔 Alerts on"), hasItem("✓ 📅 07:00")));
        assertThat(press(107, settings, "Українська").text(), containsString("українською"));
        assertThat(h.telegram.shownText(107, settings.messageId()), containsString("Збережено для цього чату"));

        h.stop();
        h.start();
        String after = ask(107, "/settings").plainText();
        assertThat(after, allOf(containsString("імперські"), containsString("07:00"),
                containsString("Kyiv, Kyiv City, Ukraine")));
        assertThat(ask(107, "/weather").plainText(), containsString("°F"));
    }

    @Test
    void aSettingsButtonThatCannotApplySaysWhyAndChangesNothing() throws Exception {
        Sent settings = ask(108, "/settings");
        assertThat(press(108, settings, "🔔 Alerts on").text(), containsString("Alerts are for your home place"));
        assertThat(h.telegram.shownLabels(108, settings.messageId()), hasItem("✓ 🔕 Alerts off"));
        assertThat(ask(108, "/alerts").plainText(), containsString("Weather alerts are off"));
    }

    @Test
    void aSharedLocationCanBeSavedAsHomeByButton() throws Exception {
        h.telegram.sendLocation(109, 49.84, 24.03);
        Sent answer = h.telegram.awaitSentTo(109, 1, WAIT).getFirst();
        assertThat(answer.buttonLabels(), contains("🏠 Save as home"));
        assertThat(press(109, answer, "🏠 Save as home").text(), containsString("Home place set"));
        assertThat(ask(109, "/home").plainText(), containsString("49.84"));
    }

    @Test
    void aPressAnsweredTooLateIsLoggedAndTheBotGoesOn() throws Exception {
        Sent kyiv = ask(110, "/weather Kyiv");
        h.telegram.queryWindows(Duration.ZERO, Duration.ofSeconds(10));
        h.telegram.pressButton(110, kyiv.messageId(), "3 days");
        h.telegram.awaitEdits(110, kyiv.messageId(), 1, WAIT);
        assertThat(ask(110, "/weather Kyiv").plainText(), startsWith("Kyiv"));
        assertThat(h.telegram.calls(), hasItem("answerCallbackQuery"));
    }
}
