package dev.weatheragent.e2e;

import dev.weatheragent.config.MetricsConfig;
import dev.weatheragent.fakes.FakeOpenAi;
import dev.weatheragent.fakes.FakeOpenMeteo.Hour;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.MutableClock;
import dev.weatheragent.metrics.PrometheusText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The scrape endpoint of the real wiring: what moves when the bot works, and what never shows. */
class MetricsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A chat id that would stand out in a scrape: it must never appear there. */
    private static final long CHAT = 7_654_321;
    private final BotHarness h;

    MetricsEndToEndTest() throws Exception {
        h = new BotHarness();
        h.metrics = new MetricsConfig(OptionalInt.of(0), "127.0.0.1");
    }

    @AfterEach
    void close() throws Exception {
        h.closeCheckingSpec();
    }

    private static PrometheusText scrape(BotHarness bot) throws Exception {
        HttpResponse<String> response = bot.scrape();
        assertThat(response.statusCode(), equalTo(200));
        assertThat(response.headers().firstValue("content-type").orElseThrow(), containsString("text/plain"));
        return PrometheusText.parse(response.body());
    }

    private PrometheusText scrape() throws Exception {
        return scrape(h);
    }

    /**
     * Scrapes until the meter reaches {@code count}: a value is counted right after what it counts happened (a reply
     * went out), and a meter the scrape has not seen before may show one scrape later than one counted after it.
     */
    private static PrometheusText awaitValue(BotHarness bot, String name, double count, String... labels)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        PrometheusText text = scrape(bot);
        while (text.value(name, labels) < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            text = scrape(bot);
        }
        assertThat(name, text.value(name, labels), equalTo(count));
        return text;
    }

    private PrometheusText awaitHandled(String kind, double count) throws Exception {
        return awaitValue(h, "weather_agent_updates_handled_total", count, "kind", kind);
    }

    /** A bot with metrics on this clock, for what it sends on its own. */
    private static BotHarness withMetrics(MutableClock clock) throws Exception {
        BotHarness bot = new BotHarness(clock);
        bot.metrics = new MetricsConfig(OptionalInt.of(0), "127.0.0.1");
        return bot;
    }

    @Test
    void offByDefault() throws Exception {
        BotHarness plain = new BotHarness();
        try {
            plain.start();
            assertThat(plain.metricsPort(), equalTo(OptionalInt.empty()));
        } finally {
            plain.closeCheckingSpec();
        }
    }

    @Test
    void weatherQuestionsMoveTheUpdateTelegramOpenMeteoAndCacheMeters() throws Exception {
        h.start();
        h.ask(CHAT, "/weather Kyiv", "en", WAIT);
        PrometheusText first = awaitHandled("/weather", 1);
        assertThat(first.value("weather_agent_updates_received_total", "type", "message"), equalTo(1.0));
        assertThat(first.value("weather_agent_updates_handled_total", "kind", "/weather", "outcome", "answered"),
                equalTo(1.0));
        assertThat(first.value("weather_agent_update_duration_seconds_count"), equalTo(1.0));
        assertThat(first.value("weather_agent_telegram_calls_total", "method", "sendMessage", "result", "ok"),
                equalTo(1.0));
        assertThat(first.value("weather_agent_telegram_calls_total", "method", "getMe", "result", "ok"),
                equalTo(1.0));
        assertThat(first.value("weather_agent_telegram_calls_total", "method", "getUpdates", "result", "ok"),
                greaterThanOrEqualTo(1.0));
        assertThat(first.value("weather_agent_open_meteo_calls_total", "api", "geocoding", "result", "ok"),
                equalTo(1.0));
        assertThat(first.value("weather_agent_open_meteo_calls_total", "api", "forecast", "result", "ok"),
                equalTo(1.0));
        assertThat(first.value("weather_agent_open_meteo_call_duration_seconds_count", "api", "forecast"),
                equalTo(1.0));
        assertThat(first.value("cache_gets_total", "cache", "forecast", "result", "miss"), equalTo(1.0));
        assertThat(first.value("cache_size", "cache", "forecast"), equalTo(1.0));
        assertThat("two calls of the 500 taken this minute",
                first.value("weather_agent_open_meteo_budget_available", "lane", "interactive"), equalTo(498.0));
        assertThat("a single instance always polls", first.value("weather_agent_leader"), equalTo(1.0));
        assertThat(first.value("jvm_memory_used_bytes", "area", "heap"), greaterThan(0.0));

        h.ask(CHAT, "/weather Kyiv", "en", WAIT);
        PrometheusText second = awaitHandled("/weather", 2);
        assertThat("answered from the caches", second.value("weather_agent_open_meteo_calls_total"),
                equalTo(first.value("weather_agent_open_meteo_calls_total")));
        assertThat(second.value("cache_gets_total", "cache", "forecast", "result", "hit"), equalTo(1.0));
        assertThat(second.value("cache_gets_total", "cache", "geocoding", "result", "hit"), equalTo(1.0));
        assertThat(second.value("weather_agent_update_duration_seconds_count"), equalTo(2.0));

        String body = h.scrape().body();
        assertThat(body, not(containsString(FakeTelegram.TOKEN)));
        assertThat(body, not(containsString(FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1))));
        assertThat("no chat id", body, not(containsString(Long.toString(CHAT))));
        assertThat("no place", body, not(containsString("Kyiv")));
    }

    @Test
    void a429IsCountedAsACallResultAndARetry() throws Exception {
        h.start();
        h.telegram.failSends(FakeTelegram.tooManyRequests(1));
        h.ask(CHAT, "/help", "en", WAIT);
        PrometheusText text = awaitHandled("/help", 1);
        assertThat(text.value("weather_agent_telegram_calls_total", "method", "sendMessage", "result", "429"),
                equalTo(1.0));
        assertThat(text.value("weather_agent_telegram_calls_total", "method", "sendMessage", "result", "ok"),
                equalTo(1.0));
        assertThat(text.value("weather_agent_telegram_send_retries_total", "cause", "429"), equalTo(1.0));
        assertThat(text.value("weather_agent_telegram_send_dropped_total"), equalTo(0.0));
        assertThat(text.value("weather_agent_updates_handled_total", "kind", "/help", "outcome", "answered"),
                equalTo(1.0));
    }

    @Test
    void aChatThatBlockedTheBotIsCountedAsADrop() throws Exception {
        h.start();
        h.telegram.blockedBy(CHAT);
        h.telegram.sendText(CHAT, "/help", "en");
        awaitHandled("/help", 1);
        PrometheusText text = awaitValue(h, "weather_agent_telegram_send_dropped_total", 1, "reason", "unreachable");
        assertThat(text.value("weather_agent_telegram_calls_total", "method", "sendMessage", "result", "4xx"),
                equalTo(1.0));
        assertThat(text.value("weather_agent_updates_handled_total", "kind", "/help", "outcome", "undelivered"),
                equalTo(1.0));
    }

    @Test
    void anAgentQuestionCountsModelRequestsTokensAndToolCalls() throws Exception {
        try (FakeOpenAi ai = new FakeOpenAi()) {
            h.start(Set.of(), h.agent(ai.baseUrl(), FakeOpenAi.API_KEY, Duration.ofSeconds(5), 100_000, 30));
            h.ask(CHAT, "Will it rain in Lviv tomorrow?", "en", WAIT);
            PrometheusText text = awaitHandled("text", 1);
            assertThat("find the place, get the forecast, answer",
                    text.value("weather_agent_llm_requests_total", "result", "ok"), equalTo(3.0));
            double input = text.value("weather_agent_llm_tokens_total", "direction", "input");
            double output = text.value("weather_agent_llm_tokens_total", "direction", "output");
            assertThat(input, greaterThan(0.0));
            assertThat(output, greaterThan(0.0));
            assertThat(text.value("weather_agent_llm_budget_tokens_left"), equalTo(100_000 - input - output));
            assertThat(text.value("weather_agent_llm_tool_calls_total"), equalTo(2.0));
            assertThat(text.value("weather_agent_llm_tool_calls_total", "tool", "unknown"), equalTo(0.0));
            assertThat(text.value("weather_agent_llm_chats_in_memory"), equalTo(1.0));
            assertThat(text.value("weather_agent_llm_fallbacks_total"), equalTo(0.0));
            assertThat(text.value("weather_agent_updates_handled_total", "kind", "text", "outcome",
                    "agent-answered"), equalTo(1.0));
            String body = h.scrape().body();
            assertThat(body, not(containsString(FakeOpenAi.API_KEY)));
            assertThat("no place", body, not(containsString("Lviv")));

            ai.override(FakeOpenAi.error(500, "server_error", null, "The server had an error"),
                    FakeOpenAi.error(500, "server_error", null, "The server had an error"));
            h.ask(CHAT, "And in Kyiv?", "en", WAIT);
            PrometheusText failed = awaitHandled("text", 2);
            assertThat(failed.value("weather_agent_llm_fallbacks_total", "reason", "failed"), equalTo(1.0));
            assertThat(failed.value("weather_agent_llm_requests_total", "result", "error"), is(greaterThan(0.0)));
        }
    }

    @Test
    void aDailyForecastIsCountedAsADelivery() throws Exception {
        // 07:00 in Kyiv; the forecast is asked for 07:30 local time.
        MutableClock clock = new MutableClock(Instant.parse("2026-01-15T05:00:00Z"));
        BotHarness daily = withMetrics(clock);
        try {
            daily.start();
            daily.ask(CHAT, "/home Kyiv", "en", WAIT);
            daily.ask(CHAT, "/daily 7:30", "en", WAIT);
            clock.set(Instant.parse("2026-01-15T05:30:00Z"));
            daily.awaitScheduled(CHAT, 1, WAIT);
            PrometheusText text = awaitValue(daily, "weather_agent_deliveries_total", 1, "schedule", "daily",
                    "outcome", "delivered");
            assertThat(text.value("weather_agent_deliveries_total"), equalTo(1.0));
            assertThat(text.value("weather_agent_open_meteo_calls_total", "api", "daily-forecast", "result", "ok"),
                    greaterThanOrEqualTo(1.0));
        } finally {
            daily.closeCheckingSpec();
        }
    }

    @Test
    void aDailyForecastAnotherInstanceSentIsCountedAsADuplicateAvoided() throws Exception {
        // 07:00 in Kyiv; the forecast is asked for 07:30 local time.
        MutableClock clock = new MutableClock(Instant.parse("2026-01-15T05:00:00Z"));
        BotHarness daily = withMetrics(clock);
        try {
            daily.start();
            daily.ask(CHAT, "/home Kyiv", "en", WAIT);
            daily.ask(CHAT, "/daily 7:30", "en", WAIT);
            // Another instance on the same database sent that day's forecast already.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + daily.store.sqliteFile());
                 Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO daily_deliveries (chat_id, local_date, due_at, claimed_by, claimed_at,"
                        + " sent_at, outcome) VALUES (" + CHAT + ", '2026-01-15', 1768455000000, 'other', 1768455000000,"
                        + " 1768455000500, 'sent')");
            }
            clock.set(Instant.parse("2026-01-15T05:30:00Z"));
            awaitValue(daily, "weather_agent_deliveries_total", 1, "schedule", "daily", "outcome",
                    "duplicate_avoided");
            Thread.sleep(1000);
            assertThat("not sent a second time", daily.scheduled(CHAT), is(empty()));
            assertThat(scrape(daily).value("weather_agent_deliveries_total"), equalTo(1.0));
        } finally {
            daily.closeCheckingSpec();
        }
    }

    @Test
    void anAlertTheStoreKeptFromGoingOutAgainIsCountedAsADuplicateAvoided() throws Exception {
        // 12:30 in Kyiv; rain at 14:00-17:00 local (the timestamps 13:00Z to 15:00Z end those hours).
        Instant start = Instant.parse("2026-01-15T10:30:00Z");
        MutableClock clock = new MutableClock(start);
        BotHarness alerts = withMetrics(clock);
        alerts.meteo.hourlyWeather(t -> !t.isBefore(Instant.parse("2026-01-15T13:00:00Z"))
                && !t.isAfter(Instant.parse("2026-01-15T15:00:00Z")) ? Hour.FAIR.withRain(1) : Hour.FAIR);
        try {
            alerts.start();
            alerts.ask(CHAT, "/home Kyiv", "en", WAIT);
            alerts.ask(CHAT, "/alerts on", "en", WAIT);
            alerts.awaitScheduled(CHAT, 1, WAIT);
            // The next check, an hour on, sees the same rain still half an hour ahead: the same event, claimed
            // already.
            clock.set(start.plus(Duration.ofHours(1)));
            PrometheusText text = awaitValue(alerts, "weather_agent_deliveries_total", 1, "schedule", "alerts",
                    "outcome", "duplicate_avoided");
            assertThat(text.value("weather_agent_deliveries_total", "schedule", "alerts", "outcome", "delivered"),
                    equalTo(1.0));
            assertThat("sent once", alerts.scheduled(CHAT).size(), is(1));
        } finally {
            alerts.closeCheckingSpec();
        }
    }
}
