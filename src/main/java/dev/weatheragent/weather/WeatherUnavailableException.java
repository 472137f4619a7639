package dev.weatheragent.weather;

/** Open-Meteo did not give a usable answer after retries: an outage, rate limiting or an unexpected response. */
public final class WeatherUnavailableException extends RuntimeException {

    public WeatherUnavailableException(String message) {
        super(message);
    }
}
