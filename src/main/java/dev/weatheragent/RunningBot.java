package dev.weatheragent;

import dev.weatheragent.bot.WeatherBot;
import dev.weatheragent.cluster.ClusterMembership;
import dev.weatheragent.health.HealthServer;
import dev.weatheragent.metrics.MetricsServer;
import dev.weatheragent.schedule.AlertScheduler;
import dev.weatheragent.schedule.DailyScheduler;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.telegram.CallbackQueryHandler;
import dev.weatheragent.telegram.InlineQueryHandler;
import dev.weatheragent.telegram.LongPollingLoop;
import dev.weatheragent.telegram.MessageSender;
import dev.weatheragent.telegram.TelegramApiException;
import dev.weatheragent.telegram.TelegramUpdateHandler;
import dev.weatheragent.telegram.UpdateRoutes;
import dev.weatheragent.telegram.TelegramTypes.User;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A wired bot between start and stop. {@link #run()} connects to Telegram and starts polling; {@link #stop()} drains
 * and confirms, and may be called at any moment, from any thread, more than once.
 */
public final class RunningBot {

    private final LongPollingLoop loop;
    private final WeatherBot bot;
    private final MessageSender sender;
    private final DailyScheduler scheduler;
    private final AlertScheduler alerts;
    private final HealthServer health;
    private final Optional<MetricsServer> metrics;
    private final ClusterMembership cluster;
    private final ChatStore store;
    private final Set<Long> allowedChats;
    private final Duration shutdownGrace;
    private final AtomicBoolean stopped = new AtomicBoolean();

    RunningBot(LongPollingLoop loop, WeatherBot bot, MessageSender sender, DailyScheduler scheduler,
               AlertScheduler alerts, HealthServer health, Optional<MetricsServer> metrics, ClusterMembership cluster,
               ChatStore store, Set<Long> allowedChats, Duration shutdownGrace) {
        this.loop = loop;
        this.bot = bot;
        this.sender = sender;
        this.scheduler = scheduler;
        this.alerts = alerts;
        this.health = health;
        this.metrics = metrics;
        this.cluster = cluster;
        this.store = store;
        this.allowedChats = allowedChats;
        this.shutdownGrace = shutdownGrace;
    }

    /**
     * Waits for the first contact with Telegram, which {@link Main#wire} started (retrying while Telegram is
     * unreachable), and starts polling, the daily forecasts and the weather alerts; returns once polling runs, or at
     * once when {@link #stop()} came first. With leader election, only the leader fetches and
     * delivers; the others stand by.
     *
     * @throws TelegramApiException when Telegram rejects the token
     */
    public void run() {
        User me = loop.awaitConnected();
        if (me != null && !stopped.get()) {
            loop.start(new UpdateRoutes(List.of(new TelegramUpdateHandler(bot, sender, me.username(), allowedChats),
                    new CallbackQueryHandler(bot, sender, allowedChats),
                    new InlineQueryHandler(bot, sender, allowedChats))));
            cluster.start(loop);
            scheduler.start();
            alerts.start();
        }
    }

    /** The port the health server listens on, on 127.0.0.1. */
    public int healthPort() {
        return health.port();
    }

    /** The port of the Prometheus scrape endpoint; empty without {@code METRICS_PORT}. */
    public OptionalInt metricsPort() {
        return metrics.map(m -> OptionalInt.of(m.port())).orElseGet(OptionalInt::empty);
    }

    /**
     * Stops fetching and delivering, lets in-flight work finish within the grace period, confirms it, releases daily
     * forecasts and weather alerts claimed but not sent, then releases the Lease (with
     * leader election, so that a standby takes over at once), closes the store and stops the health and metrics
     * servers.
     */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            loop.shutdown(shutdownGrace);
            // Before the Lease goes: a standby taking over finds the claims not sent released, none in flight.
            scheduler.stop(shutdownGrace);
            alerts.stop(shutdownGrace);
            cluster.close();
            store.close();
            health.stop();
            metrics.ifPresent(MetricsServer::stop);
        }
    }
}
