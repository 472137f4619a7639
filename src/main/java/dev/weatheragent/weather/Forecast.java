package dev.weatheragent.weather;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The forecast response the bot requests: current conditions and daily values, in the place's time zone.
 * Open-Meteo reports a missing value as null, so every measurement is boxed.
 */
public record Forecast(double latitude, double longitude, String timezone, int utcOffsetSeconds,
                       Current current, Daily daily) {

    /** Conditions now. {@code time} is local, like {@code 2026-11-28T14:15}. */
    public record Current(String time,
                          @JsonProperty("temperature_2m") Double temperature,
                          @JsonProperty("apparent_temperature") Double apparentTemperature,
                          @JsonProperty("relative_humidity_2m") Double relativeHumidity,
                          @JsonProperty("weather_code") Integer weatherCode,
                          @JsonProperty("wind_speed_10m") Double windSpeed,
                          @JsonProperty("wind_direction_10m") Double windDirection,
                          @JsonProperty("wind_gusts_10m") Double windGusts,
                          @JsonProperty("is_day") Integer isDay) {
    }

    /** One entry per day, all lists of the same length; {@code time} holds local dates like {@code 2026-11-28}. */
    public record Daily(List<String> time,
                        @JsonProperty("weather_code") List<Integer> weatherCode,
                        @JsonProperty("temperature_2m_max") List<Double> temperatureMax,
                        @JsonProperty("temperature_2m_min") List<Double> temperatureMin,
                        @JsonProperty("precipitation_sum") List<Double> precipitationSum,
                        @JsonProperty("precipitation_probability_max") List<Integer> precipitationProbabilityMax) {
    }
}
