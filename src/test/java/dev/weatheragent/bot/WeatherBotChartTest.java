package dev.weatheragent.bot;

import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.store.MemoryChatStore;
import dev.weatheragent.chart.ChartService;
import dev.weatheragent.chart.ForecastChartRenderer;
import dev.weatheragent.fakes.FakeHttpServer;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.telegram.Html;
import dev.weatheragent.weather.CallBudget;
import dev.weatheragent.weather.OpenMeteoClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code /chart} in the bot against the fake Open-Meteo: the real renderer's picture with its caption, and the text
 * forecast whenever the picture cannot be drawn or delivered.
 */
class WeatherBotChartTest {

    /** The bot and the fake Open-Meteo share one "now". */
    private final Clock clock = Clock.systemUTC();
    private FakeOpenMeteo meteo;
    private OpenMeteoClient weather;
    private final List<String> texts = new ArrayList<>();
    private final List<byte[]> pngs = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();
    private boolean photosDeliver = true;

    /** Records what the bot sends; pictures are taken or refused as the test says. */
    private final Replier out = new Replier() {
        @Override
        public boolean reply(String html) {
            texts.add(Html.toPlainText(html));
            return true;
        }

        @Override
        public boolean photo(byte[] png, String captionHtml) {
            if (!photosDeliver) {
                return false;
            }
            pngs.add(png);
            captions.add(Html.toPlainText(captionHtml));
            return true;
        }

        @Override
        public int captionLimit() {
            return 1024;
        }
    };

    @BeforeEach
    void start() throws Exception {
        meteo = new FakeOpenMeteo(clock);
        weather = new OpenMeteoClient(meteo.forecastUrl(), meteo.geocodingUrl(), meteo.airQualityUrl(),
                new CallBudget(600, Clock.systemUTC()), BotMetrics.off());
    }

    @AfterEach
    void stop() throws Exception {
        meteo.close();
    }

    private WeatherBot bot(ChartService charts) {
        return new WeatherBot(weather, new MemoryChatStore("test"), FreeTextHandler.commandHint(),
                clock, charts, ButtonCodec.forToken("test"));
    }

    private static ChartService real() {
        return new ChartService(ForecastChartRenderer::new, 1, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    private static Incoming command(String text) {
        return new Incoming(5, true, "en", text, null);
    }

    @Test
    void theChartIsARealPngWithTheAmbiguityNoteInItsCaption() throws Exception {
        WeatherBot.Result result = bot(real()).handle(command("/chart Paris 2"), out);
        assertThat(result, equalTo(new WeatherBot.Result("/chart", "chart")));
        assertThat(texts, is(empty()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(pngs.getFirst()));
        assertThat(List.of(image.getWidth(), image.getHeight()), equalTo(List.of(1200, 700)));
        assertThat(captions.getFirst(), allOf(startsWith("Paris, Île-de-France, France — 2-day chart, local time"),
                containsString("Weather data by Open-Meteo.com"), containsString("3 places match “Paris”")));
    }

    @Test
    void aQualifierThatMatchesNothingIsSaidFirstInTheCaption() {
        WeatherBot.Result result = bot(real()).handle(command("/chart Paris, Narnia 2"), out);
        assertThat(result, equalTo(new WeatherBot.Result("/chart", "chart")));
        assertThat(captions.getFirst(), startsWith("No “Paris” in “Narnia” found; here is Paris, Île-de-France,"
                + " France:\n\nParis, Île-de-France, France — 2-day chart, local time"));
    }

    @Test
    void aRendererThatFailsGivesTheTextForecastForTheSameDays() {
        ChartService broken = new ChartService(() -> (data, labels) -> {
            throw new java.awt.AWTError("Fontconfig head is null, check your fonts or fonts configuration");
        }, 1, Duration.ofSeconds(1), Duration.ofSeconds(5));
        WeatherBot.Result result = bot(broken).handle(command("/chart Lviv 4"), out);
        assertThat(result.outcome(), equalTo("chart-failed-text"));
        assertThat(pngs, is(empty()));
        assertThat(texts, hasSize(1));
        assertThat(texts.getFirst(), allOf(startsWith("I couldn’t send the chart just now"),
                containsString("Lviv, Lviv Oblast, Ukraine — 4-day forecast")));
        assertThat(texts.getFirst().lines().filter(line -> line.contains("mm (")).count(), equalTo(4L));
    }

    @Test
    void aPictureTheChatDidNotGetIsFollowedByTheTextForecast() {
        photosDeliver = false;
        WeatherBot.Result result = bot(real()).handle(command("/chart Kyiv"), out);
        assertThat(result.outcome(), equalTo("chart-undelivered-text"));
        assertThat(texts.getFirst(), containsString("Kyiv, Kyiv City, Ukraine — 3-day forecast"));
    }

    @Test
    void anOpenMeteoOutageSaysSoWithoutDrawing() {
        WeatherBot bot = bot(real());
        bot.handle(command("/weather Kyiv"), out);
        texts.clear();
        // The place is cached now; the hourly forecast fails on every attempt.
        meteo.fail(FakeHttpServer.json(503, "{}"), FakeHttpServer.json(503, "{}"), FakeHttpServer.json(503, "{}"));
        WeatherBot.Result result = bot.handle(command("/chart Kyiv"), out);
        assertThat(result.outcome(), equalTo("weather-unavailable"));
        assertThat(texts.getFirst(), containsString("weather service is unavailable"));
        assertThat(pngs, is(empty()));
    }
}
