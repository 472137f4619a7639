package dev.weatheragent.schedule;

import dev.weatheragent.store.StoreUnavailableException;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Deletes what a scheduler's tables no longer need, at most once an hour and only on the instance that delivers, so
 * that they hold weeks of deliveries, not every delivery ever made (100,000 daily subscribers add 36 million rows a
 * year). A scheduler calls {@link #runIfDue} from its rounds; the deleting runs on a thread of its own, so that the
 * first clean-up after an upgrade (a year of rows) never holds up a delivery.
 */
final class Pruning {

    private static final System.Logger LOG = System.getLogger(Pruning.class.getName());
    static final Duration EVERY = Duration.ofHours(1);

    private final String what;
    private final Function<Instant, Integer> prune;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant next = Instant.MIN;

    /**
     * @param what  the rows, as the log names them
     * @param prune deletes what no longer matters at the given instant; returns how many rows
     */
    Pruning(String what, Function<Instant, Integer> prune) {
        this.what = what;
        this.prune = prune;
    }

    /** Starts a clean-up when the last one is an hour ago and none is running; the thread, or null when none. */
    Thread runIfDue(Instant now) {
        if (now.isBefore(next) || !running.compareAndSet(false, true)) {
            return null;
        }
        return Thread.ofVirtual().name("prune").start(() -> {
            try {
                int deleted = prune.apply(now);
                next = now.plus(EVERY);
                if (deleted > 0) {
                    LOG.log(System.Logger.Level.INFO, "deleted " + deleted + " " + what + " that no longer matter");
                }
            } catch (StoreUnavailableException e) {
                LOG.log(System.Logger.Level.DEBUG, "deleting old " + what + " waits for the database: "
                        + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "deleting old " + what + " failed; tried again next round", e);
            } finally {
                running.set(false);
            }
        });
    }
}
