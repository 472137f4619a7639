package dev.weatheragent.e2e;

import dev.weatheragent.fakes.FakeHttpServer;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.FakeTelegram.Photo;
import dev.weatheragent.fakes.FakeTelegram.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code /chart} end to end: the real wiring draws the chart and uploads it with a multipart {@code sendPhoto} that
 * the fake Telegram checks against the Bot API spec and decodes; failed uploads end in the text forecast.
 */
class ChartEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private BotHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new BotHarness().start();
    }

    @AfterEach
    void stop() throws Exception {
        h.closeCheckingSpec();
    }

    private static BufferedImage decode(Photo photo) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(photo.png()));
    }

    @Test
    void chartArrivesAsAPhotoUploadWithCaptionAnsweringTheMessage() throws Exception {
        h.telegram.sendText(21, "/chart Kyiv 5", "en");
        Photo photo = h.telegram.awaitPhotosTo(21, 1, WAIT).getFirst();
        assertThat(h.telegram.calls(), hasItem("sendPhoto"));
        assertThat(photo.width(), equalTo(1200));
        assertThat(photo.height(), equalTo(700));
        BufferedImage image = decode(photo);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat("a drawn chart, not a blank picture", colours.size(), greaterThan(50));
        assertThat(photo.parseMode(), equalTo("HTML"));
        assertThat(photo.plainCaption(), allOf(startsWith("Kyiv, Kyiv City, Ukraine — 5-day chart"),
                containsString("Weather data by Open-Meteo.com")));
        assertThat("answers the user's message", photo.replyTo(), is(not(nullValue())));
        assertThat("no text besides the picture", h.telegram.sentTo(21), is(empty()));
        var hourly = h.meteo.forecastCalls().getLast();
        assertThat(List.of(hourly.latitude(), hourly.longitude(), hourly.days()), equalTo(List.of(50.45, 30.52, 7)));
    }

    @Test
    void chartUsesTheChatsUnitsAndLanguage() throws Exception {
        h.telegram.sendText(22, "/units imperial", "uk");
        h.telegram.awaitSentTo(22, 1, WAIT);
        h.telegram.sendText(22, "/chart Київ", "uk");
        Photo photo = h.telegram.awaitPhotosTo(22, 1, WAIT).getFirst();
        assertThat(photo.plainCaption(), allOf(startsWith("Київ, Україна — графік на 3 дн."),
                containsString("Open-Meteo.com")));
        assertThat(h.meteo.forecastCalls().getLast().temperatureUnit(), equalTo("fahrenheit"));
    }

    @Test
    void aSharedLocationThenChartAloneChartsThatPoint() throws Exception {
        h.telegram.sendLocation(23, 49.84, 24.03);
        h.telegram.awaitSentTo(23, 1, WAIT);
        h.telegram.sendText(23, "/chart 2", "en");
        Photo photo = h.telegram.awaitPhotosTo(23, 1, WAIT).getFirst();
        assertThat(photo.plainCaption(), startsWith("Location 49.8400, 24.0300 — 2-day chart"));
    }

    @Test
    void chartWithoutAPlaceOrWithBadDaysGetsAHint() throws Exception {
        h.telegram.sendText(24, "/chart", "en");
        assertThat(h.telegram.awaitSentTo(24, 1, WAIT).getFirst().plainText(), containsString("/chart Kyiv 5"));
        h.telegram.sendText(24, "/chart Kyiv 8", "en");
        assertThat(h.telegram.awaitSentTo(24, 2, WAIT).get(1).plainText(), containsString("from 1 to 7"));
        assertThat(h.telegram.photos(), is(empty()));
    }

    @Test
    void aRejectedUploadFallsBackToTheTextForecast() throws Exception {
        h.telegram.failPhotos(FakeTelegram.error(400, "Bad Request: PHOTO_INVALID_DIMENSIONS"));
        h.telegram.sendText(25, "/chart Lviv 4", "en");
        Sent text = h.telegram.awaitSentTo(25, 1, WAIT).getFirst();
        assertThat(text.plainText(), allOf(containsString("here is the forecast as text"),
                containsString("Lviv, Lviv Oblast, Ukraine — 4-day forecast")));
        assertThat(text.plainText().lines().filter(l -> l.contains("mm (")).count(), equalTo(4L));
        assertThat(h.telegram.photos(), is(empty()));
    }

    @Test
    void uploadsKeepTheSendRulesRetryAfter429AndDropHtmlTelegramCannotParse() throws Exception {
        h.telegram.failPhotos(FakeTelegram.tooManyRequests(1), FakeHttpServer.drop());
        h.telegram.rejectHtml(1);
        long started = System.nanoTime();
        h.telegram.sendText(26, "/chart Kyiv", "en");
        Photo photo = h.telegram.awaitPhotosTo(26, 1, WAIT).getFirst();
        assertThat("waited out retry_after", Duration.ofNanos(System.nanoTime() - started),
                is(greaterThan(Duration.ofMillis(900))));
        assertThat("re-sent without parse mode", photo.parseMode(), is(nullValue()));
        assertThat(photo.caption(), allOf(startsWith("Kyiv, Kyiv City, Ukraine — 3-day chart"),
                not(containsString("<b>"))));
        assertThat(h.telegram.calls().stream().filter("sendPhoto"::equals).count(), equalTo(4L));
    }

    @Test
    void placesAcrossTheDateLineAreChartedInTheirOwnDays() throws Exception {
        h.telegram.sendText(27, "/chart Apia 7", "en");
        Photo photo = h.telegram.awaitPhotosTo(27, 1, WAIT).getFirst();
        assertThat(photo.plainCaption(), startsWith("Apia, Tuamasaga, Samoa — 7-day chart"));
    }

    @Test
    void theMenuAndHelpOfferTheChart() throws Exception {
        h.telegram.sendText(28, "/help", "en");
        assertThat(h.telegram.awaitSentTo(28, 1, WAIT).getFirst().plainText(), containsString("/chart"));
        assertThat(h.telegram.awaitCommandMenus(2, WAIT).toString(), allOf(containsString("\"chart\""),
                containsString("Графік прогнозу")));
        assertThat(h.telegram.commandMenus(), hasSize(2));
    }
}
