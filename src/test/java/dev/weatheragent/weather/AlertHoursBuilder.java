package dev.weatheragent.weather;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Hour-by-hour data as Open-Meteo answers an alert request: 24 hours before the current hour and 24 from it, every
 * hour mild, dry and calm until a test says otherwise. Index {@link #NOW} is the hour that ends after now.
 */
final class AlertHoursBuilder {

    /** The entry whose hour holds now: entries 0…23 are the day before. */
    static final int NOW = 24;
    private static final int HOURS = 48;

    private final Instant firstEnd;
    private final int offsetSeconds;
    private final List<Double> temperature = new ArrayList<>(Collections.nCopies(HOURS, 10.0));
    private final List<Double> precipitation = new ArrayList<>(Collections.nCopies(HOURS, 0.0));
    private final List<Double> rain = new ArrayList<>(Collections.nCopies(HOURS, 0.0));
    private final List<Double> showers = new ArrayList<>(Collections.nCopies(HOURS, 0.0));
    private final List<Double> snowfall = new ArrayList<>(Collections.nCopies(HOURS, 0.0));
    private final List<Integer> codes = new ArrayList<>(Collections.nCopies(HOURS, 2));
    private final List<Double> gusts = new ArrayList<>(Collections.nCopies(HOURS, 20.0));

    /** For a check at {@code now} at a place whose UTC offset is {@code offsetSeconds} now. */
    AlertHoursBuilder(Instant now, int offsetSeconds) {
        Instant hourStart = Instant.ofEpochSecond(now.getEpochSecond() / 3600 * 3600);
        this.firstEnd = hourStart.plusSeconds(3600).minusSeconds(NOW * 3600L);
        this.offsetSeconds = offsetSeconds;
    }

    /** The hour of entry {@code i}: it ends at this instant. */
    Instant end(int i) {
        return firstEnd.plusSeconds(3600L * i);
    }

    AlertHoursBuilder rain(int from, int to, double perHour) {
        for (int i = from; i <= to; i++) {
            precipitation.set(i, perHour);
            rain.set(i, perHour);
            codes.set(i, 61);
        }
        return this;
    }

    AlertHoursBuilder snow(int from, int to, double waterPerHour) {
        for (int i = from; i <= to; i++) {
            precipitation.set(i, waterPerHour);
            snowfall.set(i, waterPerHour * 0.7);
            codes.set(i, 73);
        }
        return this;
    }

    AlertHoursBuilder code(int from, int to, int code) {
        for (int i = from; i <= to; i++) {
            codes.set(i, code);
        }
        return this;
    }

    AlertHoursBuilder gusts(int from, int to, double value) {
        for (int i = from; i <= to; i++) {
            gusts.set(i, value);
        }
        return this;
    }

    AlertHoursBuilder temperature(int from, int to, double value) {
        for (int i = from; i <= to; i++) {
            temperature.set(i, value);
        }
        return this;
    }

    AlertHours build() {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetSeconds);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        List<String> time = new ArrayList<>();
        for (int i = 0; i < HOURS; i++) {
            time.add(LocalDateTime.ofInstant(end(i), offset).format(format));
        }
        return new AlertHours(50.45, 30.52, "Europe/Kyiv", offsetSeconds, new AlertHours.Hours(time, temperature,
                precipitation, rain, showers, snowfall, codes, gusts));
    }
}
