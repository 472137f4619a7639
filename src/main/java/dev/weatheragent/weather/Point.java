package dev.weatheragent.weather;

/** A point on the map in WGS84 degrees. */
public record Point(double latitude, double longitude) {
}
