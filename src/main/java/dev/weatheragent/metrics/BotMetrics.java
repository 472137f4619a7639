package dev.weatheragent.metrics;

import com.github.benmanes.caffeine.cache.Cache;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What the bot counts and measures, one typed method per event, so that no other class names a meter or a label.
 * Every label value is either a constant of the implementation or a word the code itself chose (a command, an API, an
 * outcome): never a chat id, a place or anything a user typed. The meters and their meaning are listed in
 * docs/operations.md. Each method does nothing here: {@link #off()}, for a bot without {@code METRICS_PORT}, loads no
 * metrics library at all; {@link MicrometerMetrics} records.
 */
public interface BotMetrics {

    /** Records nothing: for a bot without {@code METRICS_PORT}, and for tests that do not look. */
    static BotMetrics off() {
        return new BotMetrics() {
        };
    }

    /**
     * An update came from {@code getUpdates}; {@code type}: message, callback_query, inline_query, malformed or
     * unsupported.
     */
    default void updateReceived(String type) {
    }

    /** An update was handled: what it was ({@code /weather}, {@code text}, …) and what came of it. */
    default void updateHandled(String kind, String outcome, Duration took) {
    }

    /** One Bot API call ended ({@code method} as Telegram names it). */
    default void telegramCall(String method, CallResult result) {
    }

    /** A message is sent again after a transient failure. */
    default void sendRetried(CallResult cause) {
    }

    /** A message was given up: {@code unreachable} (blocked, gone) or {@code refused}. */
    default void sendDropped(String reason) {
    }

    /** One Open-Meteo request attempt ended ({@code api}: geocoding, forecast, …). */
    default void openMeteoCall(String api, CallResult result, Duration took) {
    }

    /** Hits, misses, size and evictions of one cache (built with {@code recordStats()}). */
    default void cache(String name, Cache<?, ?> cache) {
    }

    /** Open-Meteo calls one lane ({@code interactive}, {@code scheduled}) could still make in the current minute. */
    default void openMeteoBudget(String lane, LongSupplier available) {
    }

    /** A request to the model ended, answered or failed. */
    default void llmRequest(boolean answered) {
    }

    /** Tokens one model request used. */
    default void llmTokens(long input, long output) {
    }

    /** Free text was answered without the model, and why ({@code budget}, {@code rate-limited}, {@code timeout}…). */
    default void llmFallback(String reason) {
    }

    /** The model called one of the weather tools. */
    default void llmToolCall(String tool) {
    }

    /** Tokens left today under {@code LLM_DAILY_TOKEN_BUDGET} (only registered when there is a budget). */
    default void llmBudgetLeft(LongSupplier tokens) {
    }

    /** Chats whose conversation with the agent is held in memory. */
    default void chatsInMemory(LongSupplier chats) {
    }

    /** Whether this instance polls Telegram and sends scheduled messages (1) or stands by (0). */
    default void leader(BooleanSupplier polls) {
    }

    /** Leader election moved polling to this instance ({@code true}) or away from it. */
    default void leadershipChanged(boolean nowLeading) {
    }

    /** A scheduled message ({@code daily} or {@code alerts}) ended: delivered, unreachable, refused, expired. */
    default void delivery(String schedule, String outcome) {
    }
}
