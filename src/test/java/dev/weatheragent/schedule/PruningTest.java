package dev.weatheragent.schedule;

import dev.weatheragent.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

class PruningTest {

    private static final Instant NOW = Instant.parse("2027-03-28T00:30:00Z");

    @Test
    void runsAtMostOnceAnHourWithTheInstantOfTheRound() throws InterruptedException {
        List<Instant> runs = new CopyOnWriteArrayList<>();
        Pruning pruning = new Pruning("rows", now -> {
            runs.add(now);
            return 3;
        });

        pruning.runIfDue(NOW).join();
        assertThat(pruning.runIfDue(NOW.plus(Pruning.EVERY).minusSeconds(1)), is(nullValue()));
        pruning.runIfDue(NOW.plus(Pruning.EVERY)).join();

        assertThat(runs, contains(NOW, NOW.plus(Pruning.EVERY)));
    }

    @Test
    void aCleanUpStillRunningIsNotStartedAgain() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Instant> runs = new CopyOnWriteArrayList<>();
        Pruning pruning = new Pruning("rows", now -> {
            runs.add(now);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        });

        Thread first = pruning.runIfDue(NOW);
        assertThat("the round does not wait for it", first, is(notNullValue()));
        assertThat(pruning.runIfDue(NOW.plus(Pruning.EVERY.multipliedBy(2))), is(nullValue()));
        release.countDown();
        first.join();

        assertThat(runs, contains(NOW));
    }

    @Test
    void aFailedCleanUpIsTriedAgainNextRound() throws InterruptedException {
        List<Instant> runs = new CopyOnWriteArrayList<>();
        Pruning pruning = new Pruning("rows", now -> {
            runs.add(now);
            if (runs.size() == 1) {
                throw new StoreUnavailableException("database unavailable", null);
            }
            return 1;
        });

        pruning.runIfDue(NOW).join();
        pruning.runIfDue(NOW.plusSeconds(30)).join();
        assertThat(pruning.runIfDue(NOW.plusSeconds(60)), is(nullValue()));

        assertThat(runs, contains(NOW, NOW.plusSeconds(30)));
    }
}
