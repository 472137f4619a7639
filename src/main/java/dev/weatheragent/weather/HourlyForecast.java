package dev.weatheragent.weather;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Hour-by-hour values for the coming days, in the place's time zone ({@code time} like {@code 2026-11-28T21:00}). */
public record HourlyForecast(double latitude, double longitude, String timezone, int utcOffsetSeconds, Hourly hourly) {

    /** Parallel lists, one entry per hour; Open-Meteo reports a missing value as null. */
    public record Hourly(List<String> time,
                         @JsonProperty("temperature_2m") List<Double> temperature,
                         @JsonProperty("apparent_temperature") List<Double> apparentTemperature,
                         @JsonProperty("precipitation_probability") List<Integer> precipitationProbability,
                         @JsonProperty("precipitation") List<Double> precipitation,
                         @JsonProperty("weather_code") List<Integer> weatherCode,
                         @JsonProperty("wind_speed_10m") List<Double> windSpeed) {
    }
}
