package dev.weatheragent.weather;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Finds the alert-worthy spells in the hours around now, one per kind at most: the first one that is on now or
 * starts within the kind's lead time. Each hour's values are read as the hour before its timestamp, as Open-Meteo
 * sums and maximises them. Thresholds are in the units the data came in (the chat's):
 * <ul>
 *     <li>precipitation: an hour with at least 0.1 mm (0.004 inch); it is alerted only while the current hour is
 *     dry ({@link WeatherSpell#ongoing()} tells), within {@value #PRECIPITATION_LEAD_HOURS} hours; freezing rain or
 *     drizzle (WMO 56, 57, 66, 67) anywhere in the spell makes it freezing rain, else snow when most of it falls as
 *     snow, else rain;</li>
 *     <li>thunderstorm: WMO 95, 96, 99, within {@value #STORM_LEAD_HOURS} hours;</li>
 *     <li>gusts of 60 km/h (37 mph) or more, within {@value #STORM_LEAD_HOURS} hours; severe from 90 (56);</li>
 *     <li>frost: below 0 °C (32 °F) within {@value #TEMPERATURE_LEAD_HOURS} hours when the 24 hours before it had
 *     none;</li>
 *     <li>heat: 30 °C (86 °F) or more within {@value #TEMPERATURE_LEAD_HOURS} hours.</li>
 * </ul>
 */
public final class AlertDetector {

    static final int PRECIPITATION_LEAD_HOURS = 2;
    static final int STORM_LEAD_HOURS = 3;
    static final int TEMPERATURE_LEAD_HOURS = 12;
    /** Fewer known hours than this before a frost do not prove a frost-free day. */
    private static final int FROST_FREE_HOURS_NEEDED = 18;
    private static final Set<Integer> THUNDERSTORM = Set.of(95, 96, 99);
    private static final Set<Integer> FREEZING = Set.of(56, 57, 66, 67);
    private static final Duration HOUR = Duration.ofHours(1);

    /** Thresholds in one unit system. */
    private record Limits(double wet, double gusts, double severeGusts, double frost, double heat) {
    }

    private static final Limits METRIC = new Limits(0.1, 60, 90, 0, 30);
    private static final Limits IMPERIAL = new Limits(0.004, 37, 56, 32, 86);

    /** The spells in {@code data} (in {@code units}) as seen at {@code now}, at most one of each kind. */
    public List<WeatherSpell> detect(AlertHours data, Instant now, Units units) {
        Limits limits = units == Units.IMPERIAL ? IMPERIAL : METRIC;
        AlertHours.Hours h = data.hourly();
        List<Instant> ends = ends(h.time(), data.utcOffsetSeconds());
        int current = current(ends, now);
        List<WeatherSpell> spells = new ArrayList<>();
        if (current < 0) {
            return spells;
        }
        Instant nowHour = ends.get(current).minus(HOUR);
        IntPredicate wet = i -> at(h.precipitation(), i) >= limits.wet();
        spell(ends, current, PRECIPITATION_LEAD_HOURS, wet, nowHour).ifPresent(run ->
                spells.add(precipitation(h, ends, run, current)));
        IntPredicate storm = i -> code(h, i).map(THUNDERSTORM::contains).orElse(false);
        spell(ends, current, STORM_LEAD_HOURS, storm, nowHour).ifPresent(run ->
                spells.add(spell(AlertKind.THUNDERSTORM, ends, run, current, true, null, 0)));
        IntPredicate gusty = i -> at(h.gusts(), i) >= limits.gusts();
        spell(ends, current, STORM_LEAD_HOURS, gusty, nowHour).ifPresent(run -> {
            double peak = max(h.gusts(), run);
            spells.add(spell(AlertKind.GUSTS, ends, run, current, peak >= limits.severeGusts(), null, peak));
        });
        IntPredicate frosty = i -> {
            double t = at(h.temperature(), i);
            return t != Double.NEGATIVE_INFINITY && t < limits.frost();
        };
        spell(ends, current, TEMPERATURE_LEAD_HOURS, frosty, nowHour)
                .filter(run -> frostFreeBefore(h, run[0], limits))
                .ifPresent(run -> spells.add(spell(AlertKind.FROST, ends, run, current, false, null,
                        -max(negated(h.temperature()), run))));
        IntPredicate hot = i -> at(h.temperature(), i) >= limits.heat();
        spell(ends, current, TEMPERATURE_LEAD_HOURS, hot, nowHour).ifPresent(run ->
                spells.add(spell(AlertKind.HEAT, ends, run, current, false, null, max(h.temperature(), run))));
        return spells;
    }

    /** The end of each hour as an instant: the local times are all at the answer's one offset. */
    private static List<Instant> ends(List<String> times, int offsetSeconds) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetSeconds);
        return times.stream().map(t -> LocalDateTime.parse(t).toInstant(offset)).toList();
    }

    /** The hour now is in; -1 when the data does not cover it. */
    private static int current(List<Instant> ends, Instant now) {
        for (int i = 0; i < ends.size(); i++) {
            if (ends.get(i).isAfter(now) && !ends.get(i).minus(HOUR).isAfter(now)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first run of hours from the current one on where the condition holds, if it starts within {@code lead}
     * hours of the current hour's start: its first and last index.
     */
    private static Optional<int[]> spell(List<Instant> ends, int current, int lead, IntPredicate condition,
                                         Instant nowHour) {
        Instant latestStart = nowHour.plus(Duration.ofHours(lead));
        for (int i = current; i < ends.size() && !ends.get(i).minus(HOUR).isAfter(latestStart); i++) {
            if (condition.test(i)) {
                int last = i;
                while (last + 1 < ends.size() && condition.test(last + 1)) {
                    last++;
                }
                return Optional.of(new int[]{i, last});
            }
        }
        return Optional.empty();
    }

    private static WeatherSpell spell(AlertKind kind, List<Instant> ends, int[] run, int current, boolean severe,
                                      WeatherSpell.Precipitation precipitation, double value) {
        return new WeatherSpell(kind, ends.get(run[0]).minus(HOUR), ends.get(run[1]), run[0] == current, severe,
                precipitation, value);
    }

    private static WeatherSpell precipitation(AlertHours.Hours h, List<Instant> ends, int[] run, int current) {
        double total = 0;
        double snow = 0;
        double liquid = 0;
        boolean freezing = false;
        for (int i = run[0]; i <= run[1]; i++) {
            total += Math.max(0, at(h.precipitation(), i));
            snow += Math.max(0, at(h.snowfall(), i));
            liquid += Math.max(0, at(h.rain(), i)) + Math.max(0, at(h.showers(), i));
            freezing |= code(h, i).map(FREEZING::contains).orElse(false);
        }
        WeatherSpell.Precipitation type = freezing ? WeatherSpell.Precipitation.FREEZING_RAIN
                : snow > 0 && liquid < total / 2 ? WeatherSpell.Precipitation.SNOW : WeatherSpell.Precipitation.RAIN;
        return spell(AlertKind.PRECIPITATION, ends, run, current, freezing, type, total);
    }

    /** Whether the known hours in the day before index {@code start} (enough of them) had no frost. */
    private static boolean frostFreeBefore(AlertHours.Hours h, int start, Limits limits) {
        int known = 0;
        for (int i = Math.max(0, start - 24); i < start; i++) {
            double t = at(h.temperature(), i);
            if (t != Double.NEGATIVE_INFINITY) {
                if (t < limits.frost()) {
                    return false;
                }
                known++;
            }
        }
        return known >= FROST_FREE_HOURS_NEEDED;
    }

    private static Optional<Integer> code(AlertHours.Hours h, int i) {
        return h.weatherCode() == null || i >= h.weatherCode().size() ? Optional.empty()
                : Optional.ofNullable(h.weatherCode().get(i));
    }

    /** The value, or minus infinity when missing, so that a missing hour meets no threshold. */
    private static double at(List<Double> values, int i) {
        Double v = values == null || i >= values.size() ? null : values.get(i);
        return v == null ? Double.NEGATIVE_INFINITY : v;
    }

    private static double max(List<Double> values, int[] run) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = run[0]; i <= run[1]; i++) {
            max = Math.max(max, at(values, i));
        }
        return max;
    }

    private static List<Double> negated(List<Double> values) {
        return values.stream().map(v -> v == null ? null : -v).toList();
    }
}
