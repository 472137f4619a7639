package dev.weatheragent.schedule;

import dev.weatheragent.store.DailyClaim;
import dev.weatheragent.store.DailySubscription;
import dev.weatheragent.store.SavedPlace;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Due instants by local time and zone rules, with every date explicit: nothing here reads the real clock. */
class DailyTimesTest {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant due(String date, String time, ZoneId zone) {
        return DailyTimes.dueOn(LocalDate.parse(date), LocalTime.parse(time), zone);
    }

    @Test
    void aLocalTimeIsDueAtTheZonesOffsetThatDay() {
        assertThat(due("2026-01-15", "07:30", KYIV), is(Instant.parse("2026-01-15T05:30:00Z")));
        assertThat("summer time", due("2026-07-15", "07:30", KYIV), is(Instant.parse("2026-07-15T04:30:00Z")));
        assertThat("half-hour offset", due("2026-07-15", "07:30", ZoneId.of("Asia/Kolkata")),
                is(Instant.parse("2026-07-15T02:00:00Z")));
        assertThat("UTC+13: the previous UTC day", due("2026-07-15", "07:30", ZoneId.of("Pacific/Apia")),
                is(Instant.parse("2026-07-14T18:30:00Z")));
        assertThat(due("2026-01-15", "07:30", ZoneId.of("America/New_York")),
                is(Instant.parse("2026-01-15T12:30:00Z")));
        assertThat("New York after its spring change (8 March 2026)", due("2026-03-09", "07:30",
                ZoneId.of("America/New_York")), is(Instant.parse("2026-03-09T11:30:00Z")));
    }

    @Test
    void aTimeInTheSpringGapIsDueAtTheFirstInstantAfterIt() {
        // Berlin jumps from 02:00 to 03:00 on 29 March 2026; Kyiv from 03:00 to 04:00 the same morning.
        assertThat(due("2026-03-29", "02:30", BERLIN), is(Instant.parse("2026-03-29T01:00:00Z")));
        assertThat(due("2026-03-29", "03:30", KYIV), is(Instant.parse("2026-03-29T01:00:00Z")));
        assertThat("02:30 exists in Kyiv that night", due("2026-03-29", "02:30", KYIV),
                is(Instant.parse("2026-03-29T00:30:00Z")));
    }

    @Test
    void aTimeThatOccursTwiceInAutumnIsDueAtItsFirstOccurrence() {
        // On 25 October 2026 Berlin shows 02:00–03:00 twice, Kyiv 03:00–04:00.
        assertThat(due("2026-10-25", "02:30", BERLIN), is(Instant.parse("2026-10-25T00:30:00Z")));
        assertThat(due("2026-10-25", "03:30", KYIV), is(Instant.parse("2026-10-25T00:30:00Z")));
    }

    @Test
    void acrossEitherChangeEachLocalDateIsDeliveredOnceMinuteByMinute() {
        for (String[] change : new String[][]{{"Europe/Berlin", "02:30", "2026-03-27"},
                {"Europe/Berlin", "02:30", "2026-10-23"}, {"Europe/Kyiv", "03:30", "2026-03-27"},
                {"Europe/Kyiv", "03:30", "2026-10-23"}, {"America/New_York", "02:30", "2026-03-06"},
                {"America/New_York", "01:30", "2026-10-30"}}) {
            ZoneId zone = ZoneId.of(change[0]);
            LocalTime time = LocalTime.parse(change[1]);
            Instant now = LocalDate.parse(change[2]).atStartOfDay(zone).toInstant();
            DailySubscription s = subscription(zone, time, DailyTimes.firstAfter(now, time, zone));
            Set<LocalDate> delivered = new HashSet<>();
            int deliveries = 0;
            // A scheduler that looks every minute for five days, as the real one does at most every half minute.
            for (Instant end = now.plus(Duration.ofDays(5)); now.isBefore(end); now = now.plusSeconds(60)) {
                if (!s.nextDue().isAfter(now)) {
                    DailyClaim claim = DailyTimes.decide(s, now);
                    assertThat(change[0] + " on time", claim.date().isPresent(), is(true));
                    delivered.add(claim.date().get());
                    deliveries++;
                    s = subscription(zone, time, claim.next());
                }
            }
            assertThat(change[0] + " " + change[2], deliveries, is(5));
            assertThat(delivered.size(), is(5));
        }
    }

    @Test
    void aNewSubscriptionStartsAtTheNextOccurrence() {
        LocalTime time = LocalTime.of(7, 30);
        assertThat(DailyTimes.firstAfter(Instant.parse("2026-01-15T05:00:00Z"), time, KYIV),
                is(Instant.parse("2026-01-15T05:30:00Z")));
        assertThat("just past today's time: tomorrow", DailyTimes.firstAfter(Instant.parse("2026-01-15T05:30:00Z"),
                time, KYIV), is(Instant.parse("2026-01-16T05:30:00Z")));
        assertThat("already 1 March in Kyiv on 29 February UTC", DailyTimes.firstAfter(
                Instant.parse("2028-02-29T23:30:00Z"), time, KYIV), is(Instant.parse("2028-03-01T05:30:00Z")));
    }

    @Test
    void aForecastMissedByUpToTwoHoursIsStillDeliveredAndLaterSkipped() {
        Instant due = Instant.parse("2026-01-15T05:30:00Z");
        DailySubscription s = subscription(KYIV, LocalTime.of(7, 30), due);
        Instant tomorrow = Instant.parse("2026-01-16T05:30:00Z");

        assertThat(DailyTimes.decide(s, due.plus(Duration.ofHours(2))), is(new DailyClaim(s.chatId(), due, tomorrow,
                Optional.of(LocalDate.parse("2026-01-15")), due)));
        assertThat(DailyTimes.decide(s, due.plus(Duration.ofHours(2)).plusSeconds(1)),
                is(new DailyClaim(s.chatId(), due, tomorrow, Optional.empty(), due)));
    }

    @Test
    void afterDaysDownOnlyTodaysForecastCanStillCome() {
        Instant threeDaysAgo = Instant.parse("2026-01-12T05:30:00Z");
        DailySubscription s = subscription(KYIV, LocalTime.of(7, 30), threeDaysAgo);

        DailyClaim claim = DailyTimes.decide(s, Instant.parse("2026-01-15T06:00:00Z"));

        assertThat(claim.date(), is(Optional.of(LocalDate.parse("2026-01-15"))));
        assertThat(claim.dueAt(), is(Instant.parse("2026-01-15T05:30:00Z")));
        assertThat(claim.next(), is(Instant.parse("2026-01-16T05:30:00Z")));
        assertThat("the old due time, for the store's check", claim.was(), is(threeDaysAgo));
    }

    private static DailySubscription subscription(ZoneId zone, LocalTime time, Instant nextDue) {
        return new DailySubscription(7, new SavedPlace("Somewhere", 50, 30, zone.getId()), time, "en", false,
                nextDue);
    }
}
