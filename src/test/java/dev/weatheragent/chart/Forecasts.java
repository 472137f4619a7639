package dev.weatheragent.chart;

import dev.weatheragent.weather.HourlyForecast;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Hourly forecasts shaped like Open-Meteo's (local times from the place's midnight, nulls for missing values). */
final class Forecasts {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private Forecasts() {
    }

    /**
     * {@code days} days of hours from local midnight of {@code first} in {@code zone}; the functions get the hour
     * index from that midnight.
     */
    static HourlyForecast hourly(String zone, LocalDate first, int days, IntFunction<Double> temperature,
                                 IntFunction<Double> precipitation, IntFunction<Integer> probability) {
        ZoneId id = ZoneId.of(zone);
        ZonedDateTime midnight = first.atStartOfDay(id);
        List<String> time = new ArrayList<>();
        List<Double> temp = new ArrayList<>();
        List<Double> rain = new ArrayList<>();
        List<Integer> chance = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        List<Double> wind = new ArrayList<>();
        for (int i = 0; i < days * 24; i++) {
            time.add(midnight.plusHours(i).format(LOCAL));
            temp.add(temperature.apply(i));
            rain.add(precipitation.apply(i));
            chance.add(probability.apply(i));
            codes.add(3);
            wind.add(10.0);
        }
        return new HourlyForecast(50, 30, zone, midnight.getOffset().getTotalSeconds(),
                new HourlyForecast.Hourly(time, temp, temp, chance, rain, codes, wind));
    }

    /** A plausible week: a daily temperature wave, showers in the evenings, a wet third day. */
    static HourlyForecast typical(String zone, LocalDate first, double base) {
        return hourly(zone, first, 7,
                i -> base + 5 * Math.sin((i - 9) * Math.PI / 12) + 3 * Math.sin(i * Math.PI / 72),
                i -> i / 24 == 2 && i % 24 > 10 && i % 24 < 20 ? 0.4 + (i % 5) * 0.6 : i % 24 >= 18 && i % 24 < 21 ? 0.3 : 0.0,
                i -> i / 24 == 2 ? 85 : i % 24 >= 17 && i % 24 < 22 ? 55 : 10);
    }
}
