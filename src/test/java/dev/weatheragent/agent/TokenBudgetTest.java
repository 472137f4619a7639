package dev.weatheragent.agent;

import dev.weatheragent.fakes.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class TokenBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    @Test
    void zeroMeansUnlimited() {
        TokenBudget budget = new TokenBudget(0, clock);
        budget.spend(1_000_000_000L);
        budget.spend(1_000_000_000L);
        assertThat(budget.available(), is(true));
        assertThat(budget.usedToday(), is(2_000_000_000L));
    }

    @Test
    void exhaustedWhenTheDailyLimitIsReached() {
        TokenBudget budget = new TokenBudget(1_000, clock);
        assertThat(budget.available(), is(true));
        budget.spend(999);
        assertThat(budget.available(), is(true));
        budget.spend(1);
        assertThat(budget.available(), is(false));
        assertThat(budget.usedToday(), is(1_000L));
        budget.spend(500);   // a request already on its way still counts
        assertThat(budget.usedToday(), is(1_500L));
        assertThat(budget.available(), is(false));
    }

    @Test
    void resetsAtUtcMidnight() {
        clock.set(Instant.parse("2026-03-01T23:59:59Z"));
        TokenBudget budget = new TokenBudget(100, clock);
        budget.spend(100);
        assertThat(budget.available(), is(false));
        clock.advance(Duration.ofMillis(999));
        assertThat("23:59:59.999 is still the same day", budget.available(), is(false));
        clock.advance(Duration.ofMillis(1));
        assertThat(budget.available(), is(true));
        assertThat(budget.usedToday(), is(0L));
        budget.spend(40);
        clock.advance(Duration.ofHours(23));
        assertThat(budget.usedToday(), is(40L));
    }

    @Test
    void theDayIsUtcWhateverTheClocksZone() {
        // Kyiv is UTC+2 in March: 22:30 UTC is already the next day there, but not in UTC.
        MutableClock kyiv = new MutableClock(Instant.parse("2026-03-01T21:30:00Z"), ZoneId.of("Europe/Kyiv"));
        TokenBudget budget = new TokenBudget(100, kyiv);
        budget.spend(100);
        kyiv.set(Instant.parse("2026-03-01T22:30:00Z"));
        assertThat(budget.available(), is(false));
        kyiv.set(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(budget.available(), is(true));
    }
}
