package dev.weatheragent.schedule;

import dev.weatheragent.weather.Units;

/**
 * One daily forecast shared by everyone subscribed near one point with the same units: coordinates rounded to two
 * decimals (about a kilometre), as the Open-Meteo client rounds them for its cache.
 */
record ForecastKey(double latitude, double longitude, Units units) {

    static ForecastKey of(double latitude, double longitude, Units units) {
        return new ForecastKey(Math.round(latitude * 100) / 100.0, Math.round(longitude * 100) / 100.0, units);
    }

    /** As the store keeps it: {@code "50.45,30.52|METRIC"}. */
    String code() {
        return latitude + "," + longitude + "|" + units;
    }
}
