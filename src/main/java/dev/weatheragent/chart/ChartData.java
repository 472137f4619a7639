package dev.weatheragent.chart;

import dev.weatheragent.weather.HourlyForecast;
import dev.weatheragent.weather.Units;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chart shows: the hours of whole local days from the place's today, in the place's wall-clock time. Day
 * boundaries are the place's midnights, wherever the server or the user is; across the date line "today" is the
 * place's own date. Open-Meteo reports a missing value as null, and so does this.
 *
 * @param timezone the place's IANA time zone (or the offset Open-Meteo gave), for the subtitle
 * @param units    the unit system the values are in
 * @param localNow the moment the chart is made, in the place's wall-clock time
 * @param days     the local dates shown, consecutive, first is the place's today
 * @param hours    the hourly values within those dates, in time order
 */
public record ChartData(String timezone, Units units, LocalDateTime localNow, List<LocalDate> days, List<Hour> hours) {

    /** One hour: its local start, temperature, precipitation amount (preceding hour) and chance in percent. */
    public record Hour(LocalDateTime time, Double temperature, Double precipitation, Integer probability) {
    }

    public ChartData {
        days = List.copyOf(days);
        hours = List.copyOf(hours);
    }

    /**
     * The first {@code days} local days of an hourly forecast, from the place's today at {@code now}.
     *
     * @throws IllegalArgumentException when the forecast holds no hours for those days (a stale or empty forecast)
     */
    public static ChartData of(HourlyForecast forecast, int days, Units units, Instant now) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        HourlyForecast.Hourly h = forecast.hourly();
        if (h == null || h.time() == null || h.time().isEmpty()) {
            throw new IllegalArgumentException("the forecast has no hourly data");
        }
        ZoneId zone = zone(forecast);
        LocalDateTime localNow = LocalDateTime.ofInstant(now, zone);
        List<Hour> all = new ArrayList<>();
        for (int i = 0; i < h.time().size(); i++) {
            LocalDateTime time = parse(h.time().get(i));
            if (time != null) {
                all.add(new Hour(time, finite(at(h.temperature(), i)), finite(at(h.precipitation(), i)),
                        at(h.precipitationProbability(), i)));
            }
        }
        LocalDate today = localNow.toLocalDate();
        LocalDate first = all.stream().map(hour -> hour.time().toLocalDate())
                .filter(date -> !date.isBefore(today)).min(LocalDate::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("the forecast ends before " + today));
        LocalDate end = first.plusDays(days);
        List<Hour> shown = all.stream()
                .filter(hour -> !hour.time().toLocalDate().isBefore(first) && hour.time().toLocalDate().isBefore(end))
                .sorted((a, b) -> a.time().compareTo(b.time()))
                .toList();
        LocalDate last = shown.getLast().time().toLocalDate();
        List<LocalDate> dates = first.datesUntil(last.plusDays(1)).toList();
        return new ChartData(forecast.timezone() == null ? zone.getId() : forecast.timezone(), units, localNow, dates,
                shown);
    }

    /** The first moment shown: the place's midnight at the start of the first day. */
    public LocalDateTime start() {
        return days.getFirst().atStartOfDay();
    }

    /** The moment the chart ends: midnight after the last day. */
    public LocalDateTime end() {
        return days.getLast().plusDays(1).atStartOfDay();
    }

    private static ZoneId zone(HourlyForecast forecast) {
        try {
            return ZoneId.of(forecast.timezone());
        } catch (DateTimeException | NullPointerException e) {
            return ZoneOffset.ofTotalSeconds(forecast.utcOffsetSeconds());
        }
    }

    private static LocalDateTime parse(String time) {
        try {
            return time == null ? null : LocalDateTime.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    private static <T> T at(List<T> values, int index) {
        return values == null || index >= values.size() ? null : values.get(index);
    }
}
