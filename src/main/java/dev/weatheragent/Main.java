package dev.weatheragent;

import dev.weatheragent.agent.LlmFreeTextHandler;
import dev.weatheragent.bot.ButtonCodec;
import dev.weatheragent.bot.ConsoleChat;
import dev.weatheragent.bot.FreeTextHandler;
import dev.weatheragent.bot.WeatherBot;
import dev.weatheragent.cluster.ClusterConfigException;
import dev.weatheragent.cluster.ClusterEnvironment;
import dev.weatheragent.cluster.ClusterMembership;
import dev.weatheragent.config.BotConfig;
import dev.weatheragent.config.ConfigException;
import dev.weatheragent.config.ConfigLoader;
import dev.weatheragent.config.LogFormat;
import dev.weatheragent.health.HealthServer;
import dev.weatheragent.logging.LogSetup;
import dev.weatheragent.logging.Redactor;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.metrics.MetricsServer;
import dev.weatheragent.metrics.MicrometerMetrics;
import dev.weatheragent.schedule.AlertScheduler;
import dev.weatheragent.schedule.DailyScheduler;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.ChatStores;
import dev.weatheragent.store.SqliteBackup;
import dev.weatheragent.store.StoreStartupException;
import dev.weatheragent.store.StoreUnavailableException;
import dev.weatheragent.telegram.LongPollingLoop;
import dev.weatheragent.telegram.MessageSender;
import dev.weatheragent.telegram.PollerState;
import dev.weatheragent.telegram.SendRateLimiter;
import dev.weatheragent.telegram.TelegramApiException;
import dev.weatheragent.telegram.TelegramClient;
import dev.weatheragent.telegram.TelegramUpdateHandler;
import dev.weatheragent.weather.CallBudget;
import dev.weatheragent.weather.OpenMeteoClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Level;

/**
 * Wires the bot: configuration, then the Telegram and Open-Meteo clients, the bot, the poll loop, the loopback
 * health server and, with {@code METRICS_PORT}, the Prometheus scrape endpoint. With {@code --console}, the same bot
 * talks on stdin/stdout instead of Telegram; {@code --backup FILE}
 * copies the SQLite database and exits. Exit codes: 0 after
 * SIGTERM or SIGINT (or the end of console input), 2 for bad configuration, 3 when Telegram rejects the token, 4 when
 * the database is there but this build cannot use it (a newer schema, a file that is not a database).
 */
public final class Main {

    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    /** How long the first contact with Telegram may take before the process counts as stuck. */
    private static final Duration STARTUP_ALLOWANCE = Duration.ofSeconds(90);

    private Main() {
    }

    public static void main(String[] args) {
        LogSetup.configure(Level.INFO, LogFormat.TEXT, new Redactor(List.of()));
        List<String> arguments = List.of(args);
        boolean console = arguments.contains("--console");
        int backup = arguments.indexOf("--backup");
        BotConfig config;
        try {
            config = ConfigLoader.fromEnvironment(!console && backup < 0);
        } catch (ConfigException e) {
            e.problems().forEach(problem -> System.err.println("configuration error: " + problem));
            System.exit(2);
            return;
        }
        LogSetup.configure(config.logLevel(), config.logFormat(),
                new Redactor(List.of(config.telegramToken(), config.agent().apiKey().orElse(""),
                        config.store().database().flatMap(d -> d.password()).orElse(""))));
        LOG.log(System.Logger.Level.INFO, "weather-agent starting", BuildInfo.load().fields());
        if (backup >= 0) {
            System.exit(backup(config, backup + 1 < args.length ? args[backup + 1] : null));
        }
        RunningBot bot;
        try {
            if (console) {
                try (ChatStore store = ChatStores.open(config.store(), Clock.systemUTC())) {
                    BotMetrics none = BotMetrics.off();
                    ConsoleChat.run(weatherBot(config, store, openMeteo(config, Clock.systemUTC(), none),
                            Clock.systemUTC(), none), System.getenv("LANG"));
                }
                System.exit(0);
            }
            bot = wire(config, ClusterEnvironment.standard(), Clock.systemUTC());
        } catch (ClusterConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (StoreStartupException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            System.exit(4);
            return;
        }
        SignalExit.install(() -> {
            LOG.log(System.Logger.Level.INFO, "shutting down");
            bot.stop();
        });
        try {
            bot.run();
        } catch (TelegramApiException e) {
            LOG.log(System.Logger.Level.ERROR, "Telegram rejected TELEGRAM_BOT_TOKEN (" + e.errorCode() + " "
                    + e.description() + "): check the token with @BotFather");
            bot.stop();
            System.exit(3);
        }
    }

    /** {@code --backup FILE}: a consistent copy of the SQLite database, also while the bot runs; the exit code. */
    private static int backup(BotConfig config, String target) {
        if (target == null || target.startsWith("--")) {
            System.err.println("usage: --backup FILE (a new file for the copy of " + config.store().sqliteFile() + ")");
            return 2;
        }
        try {
            SqliteBackup.backup(config.store(), Path.of(target));
        } catch (IllegalArgumentException | StoreUnavailableException | UncheckedIOException e) {
            System.err.println("backup failed: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 4;
        }
        System.out.println("backed up " + config.store().sqliteFile().toAbsolutePath() + " to "
                + Path.of(target).toAbsolutePath());
        return 0;
    }

    /**
     * Builds every component for the configuration, starts the first contact with Telegram (the token check, which
     * goes on meanwhile) and the health server (and the metrics server when {@code METRICS_PORT} is set);
     * {@link RunningBot#run()} polls.
     * Leader election (when {@code LEADER_ELECTION} is on) uses this API server and timing; "now" (dates, local times,
     * budgets) comes from {@code clock}.
     *
     * @throws ClusterConfigException when leader election is on but cannot work here
     * @throws StoreStartupException  when the database cannot be used by this build
     */
    public static RunningBot wire(BotConfig config, ClusterEnvironment kubernetes, Clock clock) {
        return wire(config, kubernetes, clock, DailyScheduler.Timing.forRate(config.messagesPerSecond()),
                AlertScheduler.Timing.standard());
    }

    /**
     * As above, with the daily forecasts and the weather alerts looked for and claimed as {@code daily} and
     * {@code alerts} say (tests shorten them).
     */
    public static RunningBot wire(BotConfig config, ClusterEnvironment kubernetes, Clock clock,
                                  DailyScheduler.Timing daily, AlertScheduler.Timing alerts) {
        Optional<PrometheusMeterRegistry> registry = config.metrics().enabled()
                ? Optional.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)) : Optional.empty();
        BotMetrics metrics = registry.<BotMetrics>map(MicrometerMetrics::new).orElseGet(BotMetrics::off);
        TelegramClient telegram = new TelegramClient(config.telegramApiBaseUrl(), config.telegramToken(), metrics);
        Random random = new Random();
        PollerState state = new PollerState(STARTUP_ALLOWANCE);
        ClusterMembership cluster = ClusterMembership.of(config.leaderElection(), kubernetes, state, metrics);
        metrics.leader(cluster.gate()::mayPoll);
        LongPollingLoop loop = new LongPollingLoop(telegram, cluster.gate(), state, config.pollTimeout(),
                random, metrics);
        // The token check and the webhook's removal go on while the store opens and the servers start; nothing
        // polls before they are done (RunningBot.run).
        loop.startConnecting(TelegramUpdateHandler.menus());
        try {
            SendRateLimiter limits = config.sendLimits() ? SendRateLimiter.telegram(config.messagesPerSecond())
                    : SendRateLimiter.none();
            MessageSender sender = new MessageSender(telegram, limits, random, metrics);
            ChatStore store = ChatStores.open(config.store(), clock);
            OpenMeteoClient weather = openMeteo(config, clock, metrics);
            WeatherBot bot = weatherBot(config, store, weather, clock, metrics);
            // The gate that lets this instance poll also lets it deliver: only the leader sends daily forecasts and
            // weather alerts.
            String owner = config.leaderElection().podName().orElse("weather-agent") + "-" + UUID.randomUUID();
            DailyScheduler scheduler = new DailyScheduler(store.subscriptions(), cluster.gate(), weather, sender,
                    clock, owner, daily, metrics);
            AlertScheduler alertScheduler = new AlertScheduler(store.alerts(), cluster.gate(), weather, sender,
                    clock, owner, alerts, metrics);
            HealthServer health = HealthServer.start(config.healthPort(), state, store::status);
            Optional<MetricsServer> metricsServer = registry.map(r -> MetricsServer.start(config.metrics(), r));
            return new RunningBot(loop, bot, sender, scheduler, alertScheduler, health, metricsServer, cluster,
                    store, config.allowedChatIds(), config.shutdownGrace());
        } catch (RuntimeException e) {
            // No bot to stop: end the first contact with Telegram, which would otherwise retry for ever.
            loop.shutdown(Duration.ZERO);
            throw e;
        }
    }

    private static OpenMeteoClient openMeteo(BotConfig config, Clock clock, BotMetrics metrics) {
        return new OpenMeteoClient(config.forecastUrl(), config.geocodingUrl(), config.agent().airQualityUrl(),
                new CallBudget(config.openMeteoPerMinute(), clock), metrics);
    }

    /** The commands and, when a key is set, the LLM agent for free text. */
    static WeatherBot weatherBot(BotConfig config, ChatStore store, OpenMeteoClient weather, Clock clock,
                                 BotMetrics metrics) {
        FreeTextHandler freeText;
        if (config.agent().enabled()) {
            freeText = LlmFreeTextHandler.create(config.agent(), weather, store, clock, metrics);
            LOG.log(System.Logger.Level.INFO, "free text goes to model " + config.agent().model() + " at "
                    + config.agent().baseUrl());
        } else {
            freeText = FreeTextHandler.commandHint();
            LOG.log(System.Logger.Level.INFO, "OPENAI_API_KEY is not set: commands only, free text gets a hint");
        }
        return new WeatherBot(weather, store, freeText, clock, ButtonCodec.forToken(config.telegramToken()));
    }
}
