package dev.weatheragent.schedule;

import dev.weatheragent.store.FinishedDelivery;
import dev.weatheragent.store.StoreUnavailableException;
import dev.weatheragent.store.SubscriptionStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The outcomes of sent daily forecasts, written a few hundred at a time in one transaction rather than one each:
 * SQLite takes one writer at a time, and at a thousand messages a second single writes were what limited sending.
 * At most {@code every} of sending is unconfirmed at any moment; should the process die then, those forecasts go out
 * again after the lease, as a message sent but not yet confirmed always would.
 */
final class Confirmations {

    private static final System.Logger LOG = System.getLogger(Confirmations.class.getName());

    private final SubscriptionStore store;
    private final long everyNanos;
    private final ConcurrentLinkedQueue<FinishedDelivery> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong lastWrite = new AtomicLong(System.nanoTime());

    Confirmations(SubscriptionStore store, Duration every) {
        this.store = store;
        this.everyNanos = every.toNanos();
    }

    /** Notes the outcome, and writes what is pending when the last write is {@code every} ago. */
    void add(FinishedDelivery finished) {
        pending.add(finished);
        if (System.nanoTime() - lastWrite.get() >= everyNanos && writing.tryLock()) {
            try {
                write();
            } finally {
                writing.unlock();
            }
        }
    }

    /** Writes everything pending now; false when the database could not take it (it stays for the next write). */
    boolean flush() {
        writing.lock();
        try {
            return write();
        } finally {
            writing.unlock();
        }
    }

    private boolean write() {
        lastWrite.set(System.nanoTime());
        List<FinishedDelivery> batch = new ArrayList<>();
        for (FinishedDelivery f = pending.poll(); f != null; f = pending.poll()) {
            batch.add(f);
        }
        try {
            store.finishAll(batch);
            return true;
        } catch (StoreUnavailableException e) {
            pending.addAll(batch);
            LOG.log(System.Logger.Level.DEBUG, batch.size() + " sent daily forecasts wait to be confirmed: "
                    + e.getMessage());
            return false;
        }
    }
}
