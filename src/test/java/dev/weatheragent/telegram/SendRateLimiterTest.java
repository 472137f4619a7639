package dev.weatheragent.telegram;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class SendRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long GLOBAL = SECOND / 30;
    private static final long T0 = 123 * SECOND;

    private final SendRateLimiter limiter = SendRateLimiter.telegram(30);

    @Test
    void firstSendIsImmediate() {
        assertThat(limiter.reserve(42, T0), is(0L));
    }

    @Test
    void secondSendInTheSamePrivateChatWaitsASecond() {
        limiter.reserve(42, T0);
        assertThat(limiter.reserve(42, T0), is(SECOND));
        assertThat(limiter.reserve(42, T0), is(2 * SECOND));
    }

    @Test
    void waitShrinksAsTimePasses() {
        limiter.reserve(42, T0);
        assertThat(limiter.reserve(42, T0 + 400_000_000L), is(600_000_000L));
    }

    @Test
    void chatThatWaitedLongEnoughIsImmediate() {
        limiter.reserve(42, T0);
        assertThat(limiter.reserve(42, T0 + SECOND), is(0L));
        assertThat(limiter.reserve(42, T0 + 5 * SECOND), is(0L));
    }

    @Test
    void groupChatsWaitThreeSeconds() {
        limiter.reserve(-1001234567890L, T0);
        assertThat(limiter.reserve(-1001234567890L, T0), is(3 * SECOND));
        assertThat(limiter.reserve(-1001234567890L, T0 + SECOND), is(5 * SECOND));
    }

    @Test
    void aChatWaitingForItsOwnIntervalDoesNotDelayOtherChats() {
        limiter.reserve(1, T0);
        assertThat(limiter.reserve(1, T0), is(SECOND));
        limiter.reserve(-5, T0 + GLOBAL);
        assertThat(limiter.reserve(-5, T0 + GLOBAL), is(3 * SECOND));
        // Chat 2 only needs the global spacing, which is long past: it must not queue behind chats 1 and -5.
        assertThat(limiter.reserve(2, T0 + SECOND / 5), is(0L));
        assertThat(limiter.reserve(3, T0 + SECOND / 5), is(GLOBAL));
    }

    @Test
    void aReplyDuringABroadcastWaitsOnlyForTheSlotsTheSendersHold() {
        // A broadcast at the full global rate by four senders, each reserving its next slot once its last is used:
        // however long the broadcast, a reply waits for the four reserved slots at most, never for the rest of it.
        SendRateLimiter fast = SendRateLimiter.telegram(1000);
        long interval = SECOND / 1000;
        int senders = 4;
        long[] nextOf = new long[senders];
        long chat = 100_000;
        for (long now = T0; now < T0 + 10 * SECOND; now += interval / 3) {
            for (int s = 0; s < senders; s++) {
                if (nextOf[s] <= now) {
                    nextOf[s] = now + fast.reserve(chat++, now);
                }
            }
            if ((now - T0) % (SECOND / 7) < interval / 3) {
                assertThat(fast.reserve(7 + now, now), lessThanOrEqualTo((senders + 1) * interval));
            }
        }
        assertThat("the broadcast went at the full rate", chat - 100_000, greaterThanOrEqualTo(9_900L));
    }

    @Test
    void globalSpacingHoldsAroundAFutureReservation() {
        limiter.reserve(1, T0);
        limiter.reserve(1, T0);                       // chat 1 sends again at T0 + 1 s
        long justBefore = T0 + SECOND - 10;
        // Sending at justBefore would be 10 ns from chat 1's send: it goes one global interval after it.
        assertThat(limiter.reserve(2, justBefore), is(10 + GLOBAL));
    }

    @Test
    void randomTrafficKeepsEveryLimit() {
        java.util.Random random = new java.util.Random(2024);
        java.util.Map<Long, Long> lastSend = new java.util.HashMap<>();
        java.util.TreeSet<Long> sends = new java.util.TreeSet<>();
        long now = T0;
        for (int i = 0; i < 3000; i++) {
            now += random.nextInt(40_000_000);
            long chat = random.nextInt(40) - 10;
            long wait = limiter.reserve(chat, now);
            assertThat(wait >= 0, is(true));
            long send = now + wait;
            Long previous = lastSend.put(chat, send);
            if (previous != null) {
                assertThat("chat " + chat, send - previous >= (chat < 0 ? 3 * SECOND : SECOND), is(true));
            }
            Long before = sends.floor(send);
            Long after = sends.ceiling(send);
            assertThat(before == null || send - before >= GLOBAL, is(true));
            assertThat(after == null || after - send >= GLOBAL, is(true));
            sends.add(send);
        }
    }

    @Test
    void sendsToManyChatsInOneInstantAreSpreadAtTheGlobalRate() {
        for (int i = 0; i < 31; i++) {
            assertThat("send " + i, limiter.reserve(1000 + i, T0), is(i * GLOBAL));
        }
        // The 31st send goes a whole second after the first: thirty a second.
        assertThat(limiter.reserve(5000, T0) >= SECOND - 31, is(true));
    }

    @Test
    void perChatWaitAndGlobalWaitCombine() {
        for (int i = 0; i < 40; i++) {
            limiter.reserve(1000 + i, T0);
        }
        // The global queue reaches 40/30 s; a repeat of chat 1000 (due at 1 s) must wait for it too.
        assertThat(limiter.reserve(1000, T0), is(40 * GLOBAL));
        // And a chat whose own slot is later than the global one gets its own slot.
        limiter.reserve(7, T0 + 2 * SECOND);
        assertThat(limiter.reserve(7, T0 + 2 * SECOND), is(SECOND));
    }

    @Test
    void customRates() {
        SendRateLimiter custom = new SendRateLimiter(2, Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(custom.reserve(1, 0), is(0L));
        assertThat(custom.reserve(2, 0), is(SECOND / 2));
        assertThat(custom.reserve(-3, 0), is(SECOND));
        assertThat(custom.reserve(-3, 0), is(SECOND + SECOND / 2));
    }

    @Test
    void pruningForgetsOnlyPastSlots() {
        SendRateLimiter fast = new SendRateLimiter(1_000_000_000, Duration.ofSeconds(1), Duration.ofSeconds(3));
        for (int i = 0; i < 2000; i++) {
            fast.reserve(10_000 + i, T0);
        }
        fast.reserve(-77, T0 + SECOND / 2);
        fast.reserve(-77, T0 + SECOND / 2);   // next slot of -77: T0 + 6.5 s
        long later = T0 + 5 * SECOND;
        for (int round = 0; round < 3; round++) {
            // The map is over its threshold: pruning runs and must keep the entry that is still due.
            fast.reserve(20_000 + round, later);
        }
        assertThat(fast.reserve(-77, later), is(1_500_000_000L));
    }

    @Test
    void pruningKeepsWorkingOverAManyChatsRun() {
        SendRateLimiter fast = new SendRateLimiter(1_000_000_000, Duration.ofSeconds(1), Duration.ofSeconds(3));
        long now = T0;
        for (int i = 0; i < 50_000; i++) {
            now += SECOND / 100;
            // At most the 1 ns global spacing, when a repeat below was reserved for this very instant.
            assertThat(fast.reserve(i, now), lessThanOrEqualTo(1L));
            if (i % 1000 == 0) {
                // A chat seen a moment ago is still limited.
                assertThat(fast.reserve(i, now), is(SECOND));
            }
        }
    }

    @Test
    void acquireReturnsAtOnceForAFreshChat() throws InterruptedException {
        SendRateLimiter real = SendRateLimiter.telegram(30);
        long start = System.nanoTime();
        real.acquire(1);
        // Generous bound: the point is that no per-chat wait was applied.
        assertThat(System.nanoTime() - start < 500_000_000L, is(true));
    }
}
