package dev.weatheragent.weather;

import dev.weatheragent.fakes.MutableClock;
import dev.weatheragent.weather.CallBudget.Lane;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The sliding minute and its two lanes, on a clock the test moves. */
class CallBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));

    @Test
    void usersMayTakeTheWholeMinuteAndNoMore() {
        CallBudget budget = new CallBudget(10, clock);
        assertThat(budget.tryTake(10, Lane.INTERACTIVE), is(true));
        assertThat(budget.tryTake(1, Lane.INTERACTIVE), is(false));
        assertThat(budget.available(Lane.INTERACTIVE), is(0));
    }

    @Test
    void theSchedulerLeavesAFifthForUsers() {
        CallBudget budget = new CallBudget(500, clock);
        assertThat(budget.available(Lane.SCHEDULED), is(400));
        assertThat(budget.tryTake(400, Lane.SCHEDULED), is(true));
        assertThat(budget.tryTake(1, Lane.SCHEDULED), is(false));
        assertThat(budget.available(Lane.INTERACTIVE), is(100));
        assertThat(budget.tryTake(100, Lane.INTERACTIVE), is(true));
    }

    @Test
    void aRequestThatDoesNotFitTakesNothing() {
        CallBudget budget = new CallBudget(100, clock);
        assertThat(budget.tryTake(70, Lane.SCHEDULED), is(true));
        assertThat("a batch of 20 places would pass the scheduler's 80", budget.tryTake(20, Lane.SCHEDULED), is(false));
        assertThat(budget.available(Lane.SCHEDULED), is(10));
        assertThat(budget.tryTake(10, Lane.SCHEDULED), is(true));
    }

    @Test
    void callsCountForOneMinuteFromWhenTheyWereTaken() {
        CallBudget budget = new CallBudget(10, clock);
        budget.tryTake(6, Lane.INTERACTIVE);
        clock.advance(Duration.ofSeconds(30));
        budget.tryTake(4, Lane.INTERACTIVE);
        clock.advance(Duration.ofSeconds(29));
        assertThat(budget.available(Lane.INTERACTIVE), is(0));
        clock.advance(Duration.ofSeconds(1));
        assertThat("the first six are a minute old", budget.available(Lane.INTERACTIVE), is(6));
        clock.advance(Duration.ofSeconds(30));
        assertThat(budget.available(Lane.INTERACTIVE), is(10));
    }

    @Test
    void smallBudgetsStillLetTheSchedulerWork() {
        assertThat(new CallBudget(1, clock).available(Lane.SCHEDULED), is(1));
        assertThat(new CallBudget(4, clock).available(Lane.SCHEDULED), is(4));
        assertThat(new CallBudget(5, clock).available(Lane.SCHEDULED), is(4));
    }

    @Test
    void aBudgetBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CallBudget(0, clock));
    }
}
