package dev.weatheragent.weather;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Open-Meteo calls per minute, over a sliding minute (Open-Meteo's free tier allows 600). Two lanes share it: a user's
 * question may use the whole budget, the scheduler only what leaves a fifth of it free, so that prefetching thousands
 * of places never leaves a {@code /weather} without a call. Nothing waits here: a call that does not fit is refused,
 * and the caller decides (a question is answered "weather service unavailable" at once, the prefetch tries again in
 * its next round). A request for several places counts one call per place, as Open-Meteo counts it.
 * <p>
 * Written by hand rather than with a rate-limiter library: the budget must be read on an injected clock (tests move
 * it) and split into lanes, and none of the libraries on the class path (Guava's RateLimiter) does either.
 */
public final class CallBudget {

    /** Who asks: a user waiting for an answer, or the scheduler working ahead. */
    public enum Lane {
        INTERACTIVE,
        SCHEDULED
    }

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final int scheduledPerMinute;
    private final Clock clock;
    /** Calls taken in the last minute, oldest first: {time in epoch millis, how many}. */
    private final Deque<long[]> taken = new ArrayDeque<>();
    private int used;

    /** @param perMinute calls allowed in any minute, at least 1 */
    public CallBudget(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("calls per minute must be at least 1, got " + perMinute);
        }
        this.perMinute = perMinute;
        this.scheduledPerMinute = perMinute - perMinute / 5;
        this.clock = clock;
    }

    /** Takes {@code calls} calls when the lane has them left in the current minute; false (and nothing taken) if not. */
    public synchronized boolean tryTake(int calls, Lane lane) {
        long now = clock.millis();
        forgetBefore(now - WINDOW.toMillis());
        if (used + calls > limit(lane)) {
            return false;
        }
        taken.addLast(new long[] {now, calls});
        used += calls;
        return true;
    }

    /** How many calls the lane could take now. */
    public synchronized int available(Lane lane) {
        forgetBefore(clock.millis() - WINDOW.toMillis());
        return Math.max(0, limit(lane) - used);
    }

    /** Calls the lane may take in any minute: all of them for users, the scheduler four fifths. */
    private int limit(Lane lane) {
        return lane == Lane.INTERACTIVE ? perMinute : scheduledPerMinute;
    }

    private void forgetBefore(long cutoff) {
        while (!taken.isEmpty() && taken.peekFirst()[0] <= cutoff) {
            used -= (int) taken.pollFirst()[1];
        }
    }
}
