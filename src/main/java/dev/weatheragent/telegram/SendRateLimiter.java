package dev.weatheragent.telegram;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keeps sending under Telegram's limits: a minimum interval per chat (about one message a second in private chats,
 * twenty a minute in groups) and a global rate (about thirty a second). Callers reserve a slot and sleep until it,
 * so waiting is fair and costs a parked virtual thread, nothing more.
 */
public final class SendRateLimiter {

    private static final int PRUNE_THRESHOLD = 1024;

    private final long globalIntervalNanos;
    private final long privateIntervalNanos;
    private final long groupIntervalNanos;
    private final Map<Long, Long> nextPerChat = new HashMap<>();
    /** Reserved send times that a new reservation could still collide with, for the global spacing. */
    private final TreeSet<Long> sendTimes = new TreeSet<>();

    public SendRateLimiter(int globalPerSecond, Duration privateInterval, Duration groupInterval) {
        this.globalIntervalNanos = 1_000_000_000L / globalPerSecond;
        this.privateIntervalNanos = privateInterval.toNanos();
        this.groupIntervalNanos = groupInterval.toNanos();
    }

    /**
     * Telegram's published per-chat limits at this global rate: 30 a second for most bots, up to 1,000 for bots
     * that pay for broadcasts.
     */
    public static SendRateLimiter telegram(int globalPerSecond) {
        return new SendRateLimiter(globalPerSecond, Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    /** No limits at all: only for test servers and benchmarks, Telegram itself would answer 429. */
    public static SendRateLimiter none() {
        return new SendRateLimiter(1_000_000_000, Duration.ZERO, Duration.ZERO);
    }

    /** Blocks until this chat may receive its next message. */
    public void acquire(long chatId) throws InterruptedException {
        long waitNanos = reserve(chatId, System.nanoTime());
        if (waitNanos > 0) {
            Thread.sleep(Duration.ofNanos(waitNanos));
        }
    }

    /**
     * Blocks until a call that posts nothing into a chat (the answer to a button press or an inline query) may go:
     * it counts against the global rate only, so that a toast never waits for the chat's next message slot.
     */
    public void acquireGlobal() throws InterruptedException {
        long waitNanos = reserve(null, System.nanoTime());
        if (waitNanos > 0) {
            Thread.sleep(Duration.ofNanos(waitNanos));
        }
    }

    /** Reserves the next slot for the chat and returns how long to wait for it. */
    long reserve(long chatId, long now) {
        return reserve(Long.valueOf(chatId), now);
    }

    /** As above; a null chat keeps only the global spacing. */
    private synchronized long reserve(Long chatId, long now) {
        if (nextPerChat.size() > PRUNE_THRESHOLD) {
            nextPerChat.values().removeIf(next -> next - now < 0);
        }
        // Sends at least one global interval before now cannot collide with a send from now on.
        sendTimes.headSet(now - globalIntervalNanos, true).clear();
        long slot = chatId == null ? now : Math.max(now, nextPerChat.getOrDefault(chatId, now));
        // The earliest time from the chat's own slot that keeps the global spacing to every reserved send. Only
        // sends near that time matter: a chat waiting out its own interval must not hold back other chats.
        while (true) {
            Long before = sendTimes.floor(slot);
            Long after = sendTimes.ceiling(slot);
            if (before != null && slot - before < globalIntervalNanos) {
                slot = before + globalIntervalNanos;
            } else if (after != null && after - slot < globalIntervalNanos) {
                slot = after + globalIntervalNanos;
            } else {
                break;
            }
        }
        sendTimes.add(slot);
        if (chatId == null) {
            return slot - now;
        }
        // Group chats have negative ids in the Bot API.
        nextPerChat.put(chatId, slot + (chatId < 0 ? groupIntervalNanos : privateIntervalNanos));
        return slot - now;
    }
}
