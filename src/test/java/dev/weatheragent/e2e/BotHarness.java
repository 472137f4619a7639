package dev.weatheragent.e2e;

import dev.weatheragent.Main;
import dev.weatheragent.RunningBot;
import dev.weatheragent.cluster.ClusterEnvironment;
import dev.weatheragent.config.AgentConfig;
import dev.weatheragent.config.BotConfig;
import dev.weatheragent.config.LeaderElectionConfig;
import dev.weatheragent.config.LogFormat;
import dev.weatheragent.config.MetricsConfig;
import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.FakeTelegram.Sent;
import dev.weatheragent.fakes.TestClock;
import dev.weatheragent.schedule.AlertScheduler;
import dev.weatheragent.schedule.DailyScheduler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Level;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * The real bot, wired by {@link Main#wire}, in this JVM against fake Telegram and Open-Meteo servers on loopback.
 * Short poll timeouts keep the tests quick; everything else is production configuration. The bot and the fakes share
 * one clock, so a test can run at any moment ({@link TestClock#startingAt}).
 */
final class BotHarness implements AutoCloseable {

    static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);

    final FakeTelegram telegram;
    final FakeOpenMeteo meteo;
    final Clock clock;
    /** The SQLite file in a directory of its own under target/, or what a test sets. */
    StoreConfig store;
    /** Daily forecasts looked for five times a second, so that a test moving the clock sees them at once. */
    DailyScheduler.Timing daily = new DailyScheduler.Timing(Duration.ofMillis(200), Duration.ofMinutes(5), 200, 4,
            Duration.ofHours(1));
    /** Telegram's global send rate and the Open-Meteo budget, as configured by default unless a test changes them. */
    int messagesPerSecond = 30;
    int openMeteoPerMinute = 500;
    /** Places due an alert check looked for five times a second, likewise. */
    AlertScheduler.Timing alerts = new AlertScheduler.Timing(Duration.ofMillis(200), Duration.ofMinutes(5), 100, 4);
    /** No metrics server unless a test asks for one (port 0: any free port). */
    MetricsConfig metrics = MetricsConfig.off();
    private RunningBot bot;
    private final HttpClient http = HttpClient.newHttpClient();

    /** At the real time of day. */
    BotHarness() throws IOException {
        this(Clock.systemUTC());
    }

    /** With "now" from this clock, for the bot and the fakes alike. */
    BotHarness(Clock clock) throws IOException {
        this.clock = clock;
        this.telegram = new FakeTelegram(clock);
        this.meteo = new FakeOpenMeteo(clock);
        Files.createDirectories(Path.of("target"));
        this.store = new StoreConfig(Files.createTempDirectory(Path.of("target"), "bot-data-"), Optional.empty());
    }

    /** The agent switched off: commands only. */
    AgentConfig agent() {
        return new AgentConfig(Optional.empty(), URI.create("http://127.0.0.1:9/v1"), "test-model",
                Duration.ofSeconds(5), meteo.airQualityUrl(), 0, 30);
    }

    /** The agent talking to a fake model endpoint with the given key. */
    AgentConfig agent(URI modelBaseUrl, String apiKey, Duration timeout, long dailyTokens, int perChatPerHour) {
        return new AgentConfig(Optional.of(apiKey), modelBaseUrl, "test-model", timeout, meteo.airQualityUrl(),
                dailyTokens, perChatPerHour);
    }

    /** Starts the bot and returns once it polls. */
    BotHarness start(Set<Long> allowedChats) {
        return start(allowedChats, agent());
    }

    /** Starts the bot with this agent configuration and returns once it polls. */
    BotHarness start(Set<Long> allowedChats, AgentConfig agent) {
        BotConfig config = new BotConfig(FakeTelegram.TOKEN, telegram.baseUrl(), meteo.forecastUrl(),
                meteo.geocodingUrl(), 0, allowedChats, Level.INFO, LogFormat.TEXT, POLL_TIMEOUT,
                Duration.ofSeconds(3), true, messagesPerSecond, openMeteoPerMinute, agent,
                new LeaderElectionConfig(false, "weather-agent", Optional.empty(), Optional.empty()), store, metrics);
        bot = Main.wire(config, ClusterEnvironment.standard(), clock, daily, alerts);
        bot.run();
        return this;
    }

    BotHarness start() {
        return start(Set.of());
    }

    /** Status code of a GET on the loopback health server. */
    int health(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bot.healthPort() + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String healthBody(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bot.healthPort() + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The metrics server's port; empty when it does not run. */
    OptionalInt metricsPort() {
        return bot.metricsPort();
    }

    /** The Prometheus scrape: status and body of {@code GET /metrics} on the metrics server. */
    HttpResponse<String> scrape() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + bot.metricsPort().orElseThrow() + "/metrics")).timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    void stop() {
        if (bot != null) {
            bot.stop();
        }
    }

    /** Sends a user's message to the bot and returns the bot's next message to that chat. */
    Sent ask(long chat, String text, String language, Duration wait) throws InterruptedException {
        int before = telegram.sentTo(chat).size();
        telegram.sendText(chat, text, language);
        return telegram.awaitSentTo(chat, before + 1, wait).get(before);
    }

    /** Closes everything after checking that the bot sent Telegram nothing the Bot API spec forbids. */
    /** The messages the bot sent the chat on its own (daily forecasts, alerts), not answering a message. */
    List<Sent> scheduled(long chat) {
        return telegram.sentTo(chat).stream().filter(s -> s.replyTo() == null).toList();
    }

    /** Waits until the bot sent the chat at least this many messages on its own, or the wait is over. */
    List<Sent> awaitScheduled(long chat, int count, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (scheduled(chat).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return scheduled(chat);
    }

    void closeCheckingSpec() throws IOException {
        try {
            assertThat("requests that break the Bot API spec", telegram.specViolations(), is(empty()));
        } finally {
            close();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        telegram.close();
        meteo.close();
        http.close();
    }
}
