package dev.weatheragent.agent;

import dev.weatheragent.fakes.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ChatRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ChatRateLimiter limiter = new ChatRateLimiter(3, Duration.ofMinutes(1), clock);

    @Test
    void allowsTheLimitWithinTheWindowThenRefuses() {
        assertThat(limiter.tryAcquire(1), is(true));
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire(1), is(true));
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire(1), is(true));
        assertThat(limiter.tryAcquire(1), is(false));
        clock.advance(Duration.ofSeconds(39));
        assertThat(limiter.tryAcquire(1), is(false));
    }

    @Test
    void theWindowSlides() {
        limiter.tryAcquire(1);                          // 10:00:00
        clock.advance(Duration.ofSeconds(20));
        limiter.tryAcquire(1);                          // 10:00:20
        clock.advance(Duration.ofSeconds(20));
        limiter.tryAcquire(1);                          // 10:00:40
        clock.set(Instant.parse("2026-03-01T10:00:59.999Z"));
        assertThat("the oldest question is still in the window", limiter.tryAcquire(1), is(false));
        clock.set(Instant.parse("2026-03-01T10:01:00Z"));
        assertThat("the oldest question left the window", limiter.tryAcquire(1), is(true));
        assertThat(limiter.tryAcquire(1), is(false));
        clock.set(Instant.parse("2026-03-01T10:01:20Z"));
        assertThat("the second left too", limiter.tryAcquire(1), is(true));
        assertThat(limiter.tryAcquire(1), is(false));
    }

    @Test
    void refusedQuestionsDoNotCount() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(1);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire(1), is(false));
            clock.advance(Duration.ofSeconds(5));
        }
        clock.set(Instant.parse("2026-03-01T10:01:00Z"));
        for (int i = 0; i < 3; i++) {
            assertThat("slot " + i, limiter.tryAcquire(1), is(true));
        }
        assertThat(limiter.tryAcquire(1), is(false));
    }

    @Test
    void chatsAreIndependent() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(1), is(true));
        }
        assertThat(limiter.tryAcquire(1), is(false));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(2), is(true));
        }
        assertThat(limiter.tryAcquire(2), is(false));
        assertThat(limiter.tryAcquire(-1001234567890L), is(true));
    }
}
