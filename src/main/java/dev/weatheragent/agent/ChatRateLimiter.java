package dev.weatheragent.agent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** A sliding-window limit on questions to the model per chat, so one chat cannot spend the budget of all. */
final class ChatRateLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Cache<Long, Deque<Instant>> history;

    ChatRateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.history = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(100_000).build();
    }

    /** Records a question for the chat if it is within the limit; false when the chat must wait. */
    boolean tryAcquire(long chatId) {
        Instant now = clock.instant();
        Deque<Instant> times = history.get(chatId, id -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
