package dev.weatheragent.schedule;

import dev.weatheragent.store.AlertEvent;
import dev.weatheragent.weather.AlertKind;
import dev.weatheragent.weather.WeatherSpell;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * One spell, one event across successive hourly checks; a new event only after a real gap; quiet hours by the
 * place's local clock, also on the days it changes. Fixed instants only.
 */
class AlertEventsTest {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    /** 12:20 in Kyiv in winter. */
    private static final Instant NOON = Instant.parse("2026-01-15T10:20:00Z");
    private static final Instant RAIN_START = Instant.parse("2026-01-15T11:00:00Z");

    private final Map<AlertKind, AlertEvent> known = new EnumMap<>(AlertKind.class);

    private static WeatherSpell rain(Instant start, Duration length, boolean ongoing) {
        return new WeatherSpell(AlertKind.PRECIPITATION, start, start.plus(length), ongoing, false,
                WeatherSpell.Precipitation.RAIN, 3);
    }

    private static WeatherSpell gusts(Instant start, boolean severe) {
        return new WeatherSpell(AlertKind.GUSTS, start, start.plusSeconds(7200), false, severe, null,
                severe ? 95 : 65);
    }

    /** One hourly check: decides, then keeps the events as the store would. */
    private AlertEvents.Decision check(Instant now, WeatherSpell... spells) {
        AlertEvents.Decision d = AlertEvents.decide(known, List.of(spells), now, KYIV);
        d.events().forEach(e -> known.put(e.kind(), e));
        return d;
    }

    private static String key(AlertEvents.Decision d) {
        return d.events().getFirst().key();
    }

    @Test
    void aSpellSeenAtSuccessiveChecksIsOneEventEvenWhenItsForecastStartMoves() {
        AlertEvents.Decision first = check(NOON, rain(RAIN_START, Duration.ofHours(3), false));
        assertThat(first.due(), hasSize(1));
        String event = key(first);

        AlertEvents.Decision later = check(NOON.plusSeconds(3600), rain(RAIN_START.plusSeconds(3600),
                Duration.ofHours(3), false));
        assertThat("an hour later than first forecast: the same event", key(later), is(event));
        assertThat(known.get(AlertKind.PRECIPITATION).until(), is(RAIN_START.plusSeconds(4 * 3600)));

        AlertEvents.Decision raining = check(NOON.plusSeconds(7200), rain(RAIN_START.plusSeconds(3600),
                Duration.ofHours(5), true));
        assertThat("raining now: nothing to announce", raining.due(), is(empty()));
        assertThat(key(raining), is(event));

        AlertEvents.Decision afterBreak = check(NOON.plusSeconds(8 * 3600), rain(RAIN_START.plusSeconds(8 * 3600),
                Duration.ofHours(2), false));
        assertThat("a break of two hours inside the spell", key(afterBreak), is(event));
    }

    @Test
    void aSpellAfterMoreThanThreeDryHoursIsANewEvent() {
        String event = key(check(NOON, rain(RAIN_START, Duration.ofHours(2), false)));

        Instant end = RAIN_START.plusSeconds(7200);
        AlertEvents.Decision next = check(end.plus(AlertEvents.GAP), rain(end.plus(AlertEvents.GAP).plusSeconds(1),
                Duration.ofHours(1), false));

        assertThat(key(next), is(not(event)));
        assertThat(key(next), is(end.plus(AlertEvents.GAP).plusSeconds(1).toString()));
        assertThat(next.due(), hasSize(1));
    }

    @Test
    void anEventFirstSeenWhileItRainsIsNotAnnouncedButStaysOneEvent() {
        AlertEvents.Decision raining = check(NOON, rain(NOON.minusSeconds(1200), Duration.ofHours(2), true));
        assertThat(raining.due(), is(empty()));

        AlertEvents.Decision restarts = check(NOON.plusSeconds(7200), rain(NOON.plusSeconds(2 * 3600 + 2400),
                Duration.ofHours(2), false));
        assertThat("the short dry spell inside it is no new event", key(restarts), is(key(raining)));
    }

    @Test
    void inQuietHoursOnlySevereSpellsAreDueAndHeldOnesComeAtSeven() {
        Instant night = Instant.parse("2026-01-15T21:30:00Z");
        AlertEvents.Decision atNight = check(night, new WeatherSpell(AlertKind.GUSTS, night.plusSeconds(1800),
                Instant.parse("2026-01-16T06:00:00Z"), false, false, null, 70));
        assertThat(atNight.due(), is(empty()));
        assertThat("the event is kept", atNight.events(), hasSize(1));

        Instant early = Instant.parse("2026-01-16T04:59:00Z");
        assertThat("06:59 local is still quiet", check(early, gusts(early.plusSeconds(60), false)).due(), is(empty()));
        Instant seven = Instant.parse("2026-01-16T05:00:00Z");
        AlertEvents.Decision morning = check(seven, gusts(seven, false));
        assertThat(morning.due(), hasSize(1));
        assertThat("still the night's event", key(morning), is(key(atNight)));

        Instant late = Instant.parse("2026-01-16T20:00:00Z");
        assertThat("22:00 local is quiet, but severe gusts are due", check(late, gusts(late.plusSeconds(600), true))
                .due(), hasSize(1));
    }

    @Test
    void quietHoursFollowTheLocalClockAcrossTheChangeToSummerTime() {
        // Kyiv moves from UTC+2 to UTC+3 at 01:00 UTC on 29 March 2026.
        assertThat("06:30 local in winter time", AlertEvents.quiet(Instant.parse("2026-03-28T04:30:00Z"), KYIV),
                is(true));
        assertThat("07:30 local in summer time", AlertEvents.quiet(Instant.parse("2026-03-29T04:30:00Z"), KYIV),
                is(false));
        assertThat("21:59 local in summer time", AlertEvents.quiet(Instant.parse("2026-03-29T18:59:00Z"), KYIV),
                is(false));
        assertThat("22:00 local in summer time", AlertEvents.quiet(Instant.parse("2026-03-29T19:00:00Z"), KYIV),
                is(true));
        assertThat("07:00 after the change back", AlertEvents.quiet(Instant.parse("2026-10-25T05:00:00Z"), KYIV),
                is(false));
    }

    @Test
    void eachKindIsItsOwnEvent() {
        AlertEvents.Decision d = check(NOON, rain(RAIN_START, Duration.ofHours(2), false), gusts(RAIN_START, false));

        assertThat(d.events().stream().map(AlertEvent::kind).toList(),
                contains(AlertKind.PRECIPITATION, AlertKind.GUSTS));
        assertThat(d.due(), hasSize(2));
    }
}
