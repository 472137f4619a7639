package dev.weatheragent.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@link BotMetrics} as Micrometer meters. Label values the callers pass (words of the code: a command, an API, an
 * outcome) are folded to short tokens; the meters and their meaning are listed in docs/operations.md.
 */
public final class MicrometerMetrics implements BotMetrics {

    /** Buckets of the update handling time: from a cached answer (milliseconds) to an agent conversation. */
    private static final Duration[] UPDATE_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30)};
    private static final Duration[] CALL_BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final int LABEL_LENGTH = 32;

    private final MeterRegistry registry;
    private final Timer updateTime;

    /** Records into {@code registry} (a Prometheus registry when {@code METRICS_PORT} is set). */
    public MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.updateTime = Timer.builder("weather_agent.update.duration")
                .description("Time from an update's arrival to the end of its handling, reply sent")
                .serviceLevelObjectives(UPDATE_BUCKETS)
                .register(registry);
    }

    /** An update came from {@code getUpdates}; {@code type}: message, malformed or unsupported. */
    @Override
    public void updateReceived(String type) {
        counter("weather_agent.updates.received", "Updates taken from getUpdates, by type", "type", type).increment();
    }

    /** An update was handled: what it was ({@code /weather}, {@code text}, …) and what came of it. */
    @Override
    public void updateHandled(String kind, String outcome, Duration took) {
        Counter.builder("weather_agent.updates.handled")
                .description("Updates handled, by kind and outcome")
                .tag("kind", label(kind))
                .tag("outcome", label(outcome))
                .register(registry)
                .increment();
        updateTime.record(took);
    }

    /** One Bot API call ended ({@code method} as Telegram names it). */
    @Override
    public void telegramCall(String method, CallResult result) {
        Counter.builder("weather_agent.telegram.calls")
                .description("Bot API calls, by method and result")
                .tag("method", label(method))
                .tag("result", result.label())
                .register(registry)
                .increment();
    }

    /** A message is sent again after a transient failure. */
    @Override
    public void sendRetried(CallResult cause) {
        counter("weather_agent.telegram.send.retries", "Messages sent again after a transient failure", "cause",
                cause.label()).increment();
    }

    /** A message was given up: {@code unreachable} (blocked, gone) or {@code refused}. */
    @Override
    public void sendDropped(String reason) {
        counter("weather_agent.telegram.send.dropped", "Messages Telegram refused for good", "reason", reason)
                .increment();
    }

    /** One Open-Meteo request attempt ended ({@code api}: geocoding, forecast, …). */
    @Override
    public void openMeteoCall(String api, CallResult result, Duration took) {
        Counter.builder("weather_agent.open_meteo.calls")
                .description("Open-Meteo request attempts, by API and result")
                .tag("api", label(api))
                .tag("result", result.label())
                .register(registry)
                .increment();
        if (result != CallResult.BUDGET_SPENT) {
            Timer.builder("weather_agent.open_meteo.call.duration")
                    .description("Time of an Open-Meteo request attempt, by API")
                    .tag("api", label(api))
                    .serviceLevelObjectives(CALL_BUCKETS)
                    .register(registry)
                    .record(took);
        }
    }

    /** Hits, misses, size and evictions of one cache (built with {@code recordStats()}). */
    @Override
    public void cache(String name, Cache<?, ?> cache) {
        CaffeineCacheMetrics.monitor(registry, cache, label(name));
    }

    /** Open-Meteo calls one lane ({@code interactive}, {@code scheduled}) could still make in the current minute. */
    @Override
    public void openMeteoBudget(String lane, LongSupplier available) {
        gauge("weather_agent.open_meteo.budget.available", "Open-Meteo calls a lane may still make this minute",
                "lane", lane, available);
    }

    /** A request to the model ended, answered or failed. */
    @Override
    public void llmRequest(boolean answered) {
        counter("weather_agent.llm.requests", "Model requests, by result", "result", answered ? "ok" : "error")
                .increment();
    }

    /** Tokens one model request used. */
    @Override
    public void llmTokens(long input, long output) {
        counter("weather_agent.llm.tokens", "Tokens used by model requests", "direction", "input").increment(input);
        counter("weather_agent.llm.tokens", "Tokens used by model requests", "direction", "output").increment(output);
    }

    /** Free text was answered without the model, and why ({@code budget}, {@code rate-limited}, {@code timeout}…). */
    @Override
    public void llmFallback(String reason) {
        counter("weather_agent.llm.fallbacks", "Free text answered without the model, by reason", "reason", reason)
                .increment();
    }

    /** The model called one of the weather tools. */
    @Override
    public void llmToolCall(String tool) {
        counter("weather_agent.llm.tool.calls", "Tool calls by the model, by tool", "tool", tool).increment();
    }

    /** Tokens left today under {@code LLM_DAILY_TOKEN_BUDGET} (only registered when there is a budget). */
    @Override
    public void llmBudgetLeft(LongSupplier tokens) {
        Gauge.builder("weather_agent.llm.budget.tokens.left", tokens, LongSupplier::getAsLong)
                .description("Tokens left today under LLM_DAILY_TOKEN_BUDGET")
                .strongReference(true)
                .register(registry);
    }

    /** Chats whose conversation with the agent is held in memory. */
    @Override
    public void chatsInMemory(LongSupplier chats) {
        Gauge.builder("weather_agent.llm.chats.in.memory", chats, LongSupplier::getAsLong)
                .description("Chats whose agent conversation is held in memory")
                .strongReference(true)
                .register(registry);
    }

    /** Whether this instance polls Telegram and sends scheduled messages (1) or stands by (0). */
    @Override
    public void leader(BooleanSupplier polls) {
        Gauge.builder("weather_agent.leader", polls, p -> p.getAsBoolean() ? 1 : 0)
                .description("1 while this instance polls Telegram and delivers, 0 while it stands by")
                .strongReference(true)
                .register(registry);
    }

    /** Leader election moved polling to this instance ({@code true}) or away from it. */
    @Override
    public void leadershipChanged(boolean nowLeading) {
        counter("weather_agent.leader.changes", "Times this instance started or stopped leading", "to",
                nowLeading ? "leader" : "standby").increment();
    }

    /** A scheduled message ({@code daily} or {@code alerts}) ended: delivered, unreachable, refused, expired. */
    @Override
    public void delivery(String schedule, String outcome) {
        Counter.builder("weather_agent.deliveries")
                .description("Scheduled messages, by schedule and outcome")
                .tag("schedule", label(schedule))
                // Lower case, whether it comes as a word or as the name of the sender's outcome (DELIVERED).
                .tag("outcome", label(outcome.toLowerCase(Locale.ROOT)))
                .register(registry)
                .increment();
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, label(value)).register(registry);
    }

    private void gauge(String name, String description, String tag, String value, LongSupplier supplier) {
        Gauge.builder(name, supplier, LongSupplier::getAsLong)
                .description(description)
                .tag(tag, label(value))
                .strongReference(true)
                .register(registry);
    }

    /**
     * A short token: ASCII letters, digits, {@code /}, {@code _} and {@code -}. The values come from the code,
     * so this only keeps an odd one (an outcome with a space) from making an awkward series.
     */
    static String label(String value) {
        if (value == null || value.isBlank()) {
            return "none";
        }
        String folded = value.strip().replaceAll("[^A-Za-z0-9/_-]+", "-")
                .replaceAll("^-|-$", "");
        return folded.length() > LABEL_LENGTH ? folded.substring(0, LABEL_LENGTH) : folded;
    }
}
