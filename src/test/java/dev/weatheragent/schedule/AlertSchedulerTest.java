package dev.weatheragent.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/** When a place's hourly alert check falls: once an hour at the place's own second, spread over the hour. */
class AlertSchedulerTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:17:03Z");

    @Test
    void aPlaceIsCheckedWithinTheNextHourAtTheSameSecondOfEveryHour() {
        Instant next = AlertScheduler.nextCheck("50.45,30.52", NOW);

        assertThat(next.isAfter(NOW), is(true));
        assertThat(Duration.between(NOW, next), lessThanOrEqualTo(Duration.ofHours(1)));
        assertThat("from the check itself, an hour on", AlertScheduler.nextCheck("50.45,30.52", next),
                is(next.plusSeconds(3600)));
        assertThat(AlertScheduler.nextCheck("50.45,30.52", next.minusMillis(1)), is(next));
    }

    @Test
    void thePlacesChecksSpreadOverTheHour() {
        Set<Long> minutes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String place = String.format(Locale.ROOT, "%.2f,%.2f", 40 + i * 0.37, 10 + i * 0.11);
            minutes.add(AlertScheduler.nextCheck(place, NOW).getEpochSecond() / 60 % 60);
        }
        assertThat("200 places fall on most minutes of the hour", minutes.size(), greaterThan(40));
    }
}
