package dev.weatheragent.telegram;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A shutdown request that every wait of the poller ends on at once. */
final class StopSignal {

    private final CountDownLatch requested = new CountDownLatch(1);

    void request() {
        requested.countDown();
    }

    boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Waits for {@code delay}, or less when a stop is requested meanwhile. */
    void sleep(Duration delay) {
        try {
            requested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
