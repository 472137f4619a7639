package dev.weatheragent.weather;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Yesterday and today at a point, for the daily forecast message: daily figures for both days (yesterday's, to say
 * what changed) and today's precipitation hour by hour, in the place's time zone. Missing values are null.
 */
public record DayForecast(double latitude, double longitude, String timezone, int utcOffsetSeconds, Days daily,
                          Hours hourly) {

    /** One entry per day, yesterday first; {@code time} holds local dates like {@code 2026-11-28}. */
    public record Days(List<String> time,
                       @JsonProperty("weather_code") List<Integer> weatherCode,
                       @JsonProperty("temperature_2m_max") List<Double> temperatureMax,
                       @JsonProperty("temperature_2m_min") List<Double> temperatureMin,
                       @JsonProperty("precipitation_sum") List<Double> precipitationSum,
                       @JsonProperty("precipitation_probability_max") List<Integer> precipitationProbabilityMax,
                       @JsonProperty("wind_speed_10m_max") List<Double> windSpeedMax) {
    }

    /** One entry per hour of both days; {@code time} like {@code 2026-11-28T21:00}. */
    public record Hours(List<String> time,
                        @JsonProperty("precipitation") List<Double> precipitation,
                        @JsonProperty("precipitation_probability") List<Integer> precipitationProbability) {
    }
}
