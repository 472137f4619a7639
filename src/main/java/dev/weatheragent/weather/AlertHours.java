package dev.weatheragent.weather;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The day before and the day after now at a point, hour by hour, for weather alerts. Open-Meteo gives {@code time}
 * in the place's local time at {@code utcOffsetSeconds} (one offset for the whole answer) like
 * {@code 2026-11-28T21:00}; sums and maxima (precipitation, gusts) are of the hour before that time.
 */
public record AlertHours(double latitude, double longitude, String timezone, int utcOffsetSeconds, Hours hourly) {

    /** Parallel lists, one entry per hour; Open-Meteo reports a missing value as null. */
    public record Hours(List<String> time,
                        @JsonProperty("temperature_2m") List<Double> temperature,
                        @JsonProperty("precipitation") List<Double> precipitation,
                        @JsonProperty("rain") List<Double> rain,
                        @JsonProperty("showers") List<Double> showers,
                        @JsonProperty("snowfall") List<Double> snowfall,
                        @JsonProperty("weather_code") List<Integer> weatherCode,
                        @JsonProperty("wind_gusts_10m") List<Double> gusts) {
    }
}
