package dev.weatheragent.telegram;

import java.time.Duration;
import java.util.TreeSet;

/**
 * Decides the {@code offset} of the next {@code getUpdates}. Telegram forgets every update below the offset, so the
 * offset never passes an update still being handled: it is the lowest update in flight, or one past the highest seen
 * when nothing is in flight. Updates that come back because an older one is still in flight are recognised and not
 * handled twice.
 */
final class UpdateTracker {

    private final TreeSet<Long> inFlight = new TreeSet<>();
    private final TreeSet<Long> done = new TreeSet<>();
    private long highestSeen = -1;

    /** Registers an update as in flight; false when it is already known and must not be handled again. */
    synchronized boolean begin(long updateId) {
        if (updateId < nextOffset() || inFlight.contains(updateId) || done.contains(updateId)) {
            return false;
        }
        inFlight.add(updateId);
        highestSeen = Math.max(highestSeen, updateId);
        return true;
    }

    /** Marks an update handled (or deliberately dropped): it may now be confirmed. */
    synchronized void finish(long updateId) {
        if (inFlight.remove(updateId)) {
            done.add(updateId);
            long offset = nextOffset();
            done.headSet(offset).clear();
            notifyAll();
        }
    }

    /** The offset that confirms every update handled so far and nothing that is not. */
    synchronized long nextOffset() {
        return inFlight.isEmpty() ? highestSeen + 1 : inFlight.first();
    }

    synchronized int inFlight() {
        return inFlight.size();
    }

    /** Waits until some update finishes or the timeout passes. */
    synchronized void awaitFinish(Duration timeout) throws InterruptedException {
        if (!inFlight.isEmpty()) {
            wait(Math.max(1, timeout.toMillis()));
        }
    }

    /** Waits until nothing is in flight; false if the timeout passed first. */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!inFlight.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
