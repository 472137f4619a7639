package dev.weatheragent.schedule;

import dev.weatheragent.store.StoreUnavailableException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The outcomes of sent scheduled messages, written a few hundred at a time in one transaction rather than one each:
 * SQLite takes one writer at a time, and at a thousand messages a second single writes were what limited sending.
 * At most {@code every} of sending is unconfirmed at any moment; should the process die then, those messages go out
 * again after the lease, as a message sent but not yet confirmed always would. An outcome the database cannot take
 * (it is down) stays for the next write: Telegram took the message, and the lease must not send it again.
 *
 * @param <T> one outcome, as the store records it
 */
final class Confirmations<T> {

    private static final System.Logger LOG = System.getLogger(Confirmations.class.getName());

    private final String what;
    private final Consumer<List<T>> writeAll;
    private final long everyNanos;
    private final ConcurrentLinkedQueue<T> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong lastWrite = new AtomicLong(System.nanoTime());

    /**
     * @param what     the messages, as the log names them
     * @param writeAll records outcomes in one transaction
     */
    Confirmations(String what, Consumer<List<T>> writeAll, Duration every) {
        this.what = what;
        this.writeAll = writeAll;
        this.everyNanos = every.toNanos();
    }

    /** Notes the outcome, and writes what is pending when the last write is {@code every} ago. */
    void add(T finished) {
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
        List<T> batch = new ArrayList<>();
        for (T f = pending.poll(); f != null; f = pending.poll()) {
            batch.add(f);
        }
        if (batch.isEmpty()) {
            return true;
        }
        try {
            writeAll.accept(batch);
            return true;
        } catch (StoreUnavailableException e) {
            pending.addAll(batch);
            LOG.log(System.Logger.Level.DEBUG, batch.size() + " sent " + what + " wait to be confirmed: "
                    + e.getMessage());
            return false;
        }
    }
}
