package dev.weatheragent.telegram;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock between the poll loop's {@code getUpdates} and a hand-over: which thread is inside getUpdates, and
 * whether a hand-over keeps the loop out. A hand-over aborts a fetch in progress by interrupting its virtual thread,
 * which closes the socket of the long poll.
 */
final class FetchGuard {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition fetchEnded = lock.newCondition();
    private Thread fetching;
    private boolean abortRequested;
    private boolean yielding;

    /** Enters getUpdates unless the gate closed or a hand-over runs. */
    boolean beginFetch(PollGate gate) {
        lock.lock();
        try {
            if (yielding || !gate.mayPoll()) {
                return false;
            }
            fetching = Thread.currentThread();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Leaves getUpdates; true when a hand-over aborted it. The interrupt that aborted it is cleared here, or every
     * later wait of the loop would fail at once and the loop would spin.
     */
    boolean endFetch() {
        lock.lock();
        try {
            fetching = null;
            boolean aborted = abortRequested;
            if (aborted) {
                abortRequested = false;
                Thread.interrupted();
            }
            fetchEnded.signalAll();
            return aborted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a hand-over: keeps the loop out of getUpdates from now on, aborts a fetch in progress and waits until
     * {@code deadlineNanos} (of {@link System#nanoTime()}) for it to end; whether it did.
     */
    boolean beginHandOver(long deadlineNanos) {
        lock.lock();
        try {
            yielding = true;
            if (fetching != null) {
                abortRequested = true;
                fetching.interrupt();
            }
            while (fetching != null && deadlineNanos - System.nanoTime() > 0) {
                fetchEnded.awaitNanos(deadlineNanos - System.nanoTime());
            }
            return fetching == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the hand-over: the loop may fetch again once its gate opens. */
    void endHandOver() {
        lock.lock();
        try {
            yielding = false;
        } finally {
            lock.unlock();
        }
    }
}
