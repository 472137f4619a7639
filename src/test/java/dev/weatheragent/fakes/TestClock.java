package dev.weatheragent.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * "Now" for tests that run the bot and the fakes in one JVM: both get the same {@link Clock}, so the fake Open-Meteo
 * serves the days the bot takes for today, whatever the real date. {@link #HARD_MOMENTS} are the moments where a
 * date taken from the wrong clock or the wrong time zone shows.
 */
public final class TestClock {

    /**
     * 29 February of a leap year at 23:30 UTC (already 1 March in Kyiv), 00:30 UTC on the Sunday Kyiv moves to
     * summer time at 01:00 UTC (02:30 local, the clocks jump an hour later), and the last minute of a year in UTC
     * (already the new year in Kyiv, still the old one in America).
     */
    public static final List<Instant> HARD_MOMENTS = List.of(
            Instant.parse("2028-02-29T23:30:00Z"),
            Instant.parse("2027-03-28T00:30:00Z"),
            Instant.parse("2026-12-31T23:59:00Z"));

    private TestClock() {
    }

    /** A UTC clock that reads {@code start} now and then ticks with real time, so timeouts still pass. */
    public static Clock startingAt(Instant start) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
    }
}
