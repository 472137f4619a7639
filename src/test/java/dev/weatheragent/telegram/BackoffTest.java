package dev.weatheragent.telegram;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(30);

    private static void assertWithin(Duration wait, long ceilingMillis) {
        assertThat(wait.toMillis(), allOf(greaterThanOrEqualTo(ceilingMillis / 2), lessThanOrEqualTo(ceilingMillis)));
    }

    @Test
    void eachWaitIsBetweenHalfAndAllOfADoublingCeiling() {
        Backoff backoff = new Backoff(INITIAL, MAX, new Random(1));
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (long ceiling : ceilings) {
            assertWithin(backoff.next(), ceiling);
        }
    }

    @Test
    void ceilingReallyGrows() {
        // Half of the 4th ceiling is more than the whole first: growth shows even with jitter.
        Backoff backoff = new Backoff(INITIAL, MAX, new Random(7));
        Duration first = backoff.next();
        backoff.next();
        backoff.next();
        Duration fourth = backoff.next();
        assertThat(fourth.toMillis(), greaterThan(first.toMillis()));
        assertThat(fourth.toMillis(), greaterThanOrEqualTo(2000L));
    }

    @Test
    void jitterSpreadsTheWaits() {
        Set<Long> seen = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            seen.add(new Backoff(INITIAL, MAX, new Random(seed)).next().toMillis());
        }
        assertThat(seen.size(), greaterThan(10));
    }

    @Test
    void sameSeedGivesTheSameWaits() {
        Backoff a = new Backoff(INITIAL, MAX, new Random(99));
        Backoff b = new Backoff(INITIAL, MAX, new Random(99));
        for (int i = 0; i < 10; i++) {
            assertThat(a.next(), is(b.next()));
        }
    }

    @Test
    void resetReturnsToTheInitialCeiling() {
        Backoff backoff = new Backoff(INITIAL, MAX, new Random(3));
        for (int i = 0; i < 8; i++) {
            backoff.next();
        }
        backoff.reset();
        assertWithin(backoff.next(), 500);
        assertWithin(backoff.next(), 1000);
    }

    @Test
    void capHoldsAfterManyAttempts() {
        Backoff backoff = new Backoff(INITIAL, MAX, new Random(5));
        for (int i = 0; i < 200; i++) {
            Duration wait = backoff.next();
            assertThat("attempt " + i, wait.toMillis(), lessThanOrEqualTo(30_000L));
            if (i >= 6) {
                assertWithin(wait, 30_000);
            }
        }
    }

    @Test
    void capHoldsWhenTheShiftWouldOverflow() {
        // 2^40 ms doubled 23 times overflows a long before the 30th attempt; the cap must still hold.
        long initial = 1L << 40;
        long max = 1L << 62;
        Backoff backoff = new Backoff(Duration.ofMillis(initial), Duration.ofMillis(max), new Random(11));
        for (int i = 0; i < 40; i++) {
            long ceiling = i <= 22 ? initial << i : max;
            assertWithin(backoff.next(), ceiling);
        }
    }

    @Test
    void initialEqualToMaxNeverGrows() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(2), new Random(8));
        for (int i = 0; i < 5; i++) {
            assertWithin(backoff.next(), 2000);
        }
    }

    @Test
    void constructorRejectsBadArguments() {
        Random random = new Random(0);
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, MAX, random));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMillis(-1), MAX, random));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), random));
    }

    @Test
    void aRefusalWithRetryAfterWaitsThatLongPlusATenthOfTheJitterAndOneWithoutWaitsTheJitter() {
        Backoff backoff = new Backoff(INITIAL, MAX, new Random(3));
        for (int attempt = 0; attempt < 8; attempt++) {
            long ceiling = Math.min(MAX.toMillis(), INITIAL.toMillis() << attempt);
            Duration wait = backoff.after(new TelegramApiException("getUpdates", 429, "Too Many Requests", 7));
            assertThat(wait.toMillis(), allOf(greaterThanOrEqualTo(7_000 + ceiling / 20),
                    lessThanOrEqualTo(7_000 + ceiling / 10)));
        }
        backoff.reset();
        assertWithin(backoff.after(new TelegramApiException("getUpdates", 502, "Bad Gateway", null)), 500);
    }
}
