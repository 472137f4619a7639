package dev.weatheragent.store;

import dev.weatheragent.weather.Units;

import java.time.Instant;

/** Where and in which units a daily forecast will be due, and when: what fetching it ahead needs. */
public record UpcomingDaily(double latitude, double longitude, Units units, Instant dueAt) {
}
