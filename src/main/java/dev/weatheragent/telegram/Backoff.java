package dev.weatheragent.telegram;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of {@code min(max, initial * 2^n)},
 * so retries from many processes spread out but never shrink to nothing. {@link #reset()} after a success.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The wait before the next retry; each call doubles the ceiling until it reaches the cap. */
    public synchronized Duration next() {
        // Compare before shifting: initial << attempt can overflow a long (and turn negative) before reaching max.
        long ceiling = attempt >= 62 || initialMillis > maxMillis >> attempt ? maxMillis : initialMillis << attempt;
        attempt = Math.min(attempt + 1, 62);
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    /**
     * The wait before retrying a call Telegram refused: its {@code retry_after} when it gave one, plus a tenth of the
     * jitter so that callers told the same delay do not all come back at once; otherwise {@link #next()}.
     */
    public Duration after(TelegramApiException e) {
        Duration jitter = next();
        return e.retryAfter().map(d -> d.plusMillis(jitter.toMillis() / 10)).orElse(jitter);
    }

    public synchronized void reset() {
        attempt = 0;
    }
}
