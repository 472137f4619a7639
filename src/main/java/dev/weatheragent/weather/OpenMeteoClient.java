package dev.weatheragent.weather;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.metrics.CallResult;
import io.helidon.common.LazyValue;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Open-Meteo's geocoding and forecast APIs behind one client: timeouts, a few retries on 5xx/429/transport errors,
 * small caches so that repeated questions do not reach the API (geocoding for hours, forecasts for minutes per
 * coordinate rounded to about a kilometre), and every request, retries included, within the {@link CallBudget}: users'
 * questions in its interactive lane, the daily forecasts in the scheduler's.
 */
public final class OpenMeteoClient {

    private static final System.Logger LOG = System.getLogger(OpenMeteoClient.class.getName());
    private static final String CURRENT = "temperature_2m,apparent_temperature,relative_humidity_2m,weather_code,"
            + "wind_speed_10m,wind_direction_10m,wind_gusts_10m,is_day";
    private static final String DAILY = "weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum,"
            + "precipitation_probability_max";
    private static final String HOURLY = "temperature_2m,apparent_temperature,precipitation_probability,"
            + "precipitation,weather_code,wind_speed_10m";
    private static final String DAY_DAILY = DAILY + ",wind_speed_10m_max";
    private static final String DAY_HOURLY = "precipitation,precipitation_probability";
    private static final String ALERT_HOURLY = "temperature_2m,precipitation,rain,showers,snowfall,weather_code,"
            + "wind_gusts_10m";
    private static final String AIR = "european_aqi,us_aqi,pm2_5,pm10,ozone,nitrogen_dioxide,uv_index";
    /** Hour-by-hour data is asked for a week: enough for "tonight" or "Saturday afternoon". */
    public static final int HOURLY_DAYS = 7;
    /** Every forecast asks for the longest range, so /weather and /forecast share one cache entry. */
    public static final int MAX_DAYS = 16;
    private static final int ATTEMPTS = 3;
    /**
     * Places in one multi-coordinate request: 100 keeps the URL near 2 KB (two coordinates of up to 8 characters
     * each per place, plus the fixed parameters), well within the 8 KB that servers and proxies accept.
     */
    public static final int PLACES_PER_REQUEST = 100;
    /**
     * Daily forecasts fetched ahead are kept this long: the scheduler fetches up to an hour before the due time, and
     * 100,000 forecasts due at one minute take Telegram's 30 a second almost an hour more to send; a summary of the
     * day two or three hours old still says the same.
     */
    public static final Duration DAY_FORECAST_KEPT = Duration.ofHours(3);

    /**
     * Built by the first request, as TelegramClient's is: building this one at start-up would wait for that one's TLS
     * set-up.
     */
    private final LazyValue<WebClient> http = LazyValue.create(() -> WebClient.builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(10))
            .build());
    private final URI forecastUrl;
    private final URI geocodingUrl;
    private final URI airQualityUrl;
    private final List<Duration> retryDelays;
    private final CallBudget budget;
    private final BotMetrics metrics;
    private final ObjectMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Cache<String, List<Place>> places = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(6))
            .maximumSize(10_000)
            .recordStats()
            .build();
    private final Cache<String, Forecast> forecasts = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10))
            .maximumSize(10_000)
            .recordStats()
            .build();
    private final Cache<String, HourlyForecast> hourlyForecasts = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10))
            .maximumSize(2_000)
            .recordStats()
            .build();
    private final Cache<String, DayForecast> dayForecasts = Caffeine.newBuilder()
            .expireAfterWrite(DAY_FORECAST_KEPT)
            .maximumSize(10_000)
            .recordStats()
            .build();
    private final Cache<String, AirQuality> airQuality = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10))
            .maximumSize(2_000)
            .recordStats()
            .build();

    /** Counting requests, their time, the caches and the budget in {@code metrics}. */
    public OpenMeteoClient(URI forecastUrl, URI geocodingUrl, URI airQualityUrl, CallBudget budget,
                           BotMetrics metrics) {
        this(forecastUrl, geocodingUrl, airQualityUrl, budget, List.of(Duration.ofMillis(300), Duration.ofSeconds(1)),
                metrics);
    }

    OpenMeteoClient(URI forecastUrl, URI geocodingUrl, URI airQualityUrl, CallBudget budget,
                    List<Duration> retryDelays, BotMetrics metrics) {
        this.forecastUrl = forecastUrl;
        this.geocodingUrl = geocodingUrl;
        this.airQualityUrl = airQualityUrl;
        this.budget = budget;
        this.retryDelays = retryDelays;
        this.metrics = metrics;
        metrics.cache("geocoding", places);
        metrics.cache("forecast", forecasts);
        metrics.cache("hourly-forecast", hourlyForecasts);
        metrics.cache("daily-forecast", dayForecasts);
        metrics.cache("air-quality", airQuality);
        metrics.openMeteoBudget("interactive", () -> budget.available(CallBudget.Lane.INTERACTIVE));
        metrics.openMeteoBudget("scheduled", () -> budget.available(CallBudget.Lane.SCHEDULED));
    }

    /**
     * Places matching a name, best ranked first as Open-Meteo orders them; empty when nothing matches.
     *
     * @param language ISO 639-1 code for the names in the result
     */
    public List<Place> search(String name, String language, int count) {
        return lookUp(name, language, count, "");
    }

    /**
     * As {@link #search(String, String, int)}, only places in one country: Open-Meteo filters before it counts, so
     * the {@code count} best of that country come back, not what is left of the world's best.
     *
     * @param countryCode ISO 3166-1 alpha-2 code in upper case, e.g. {@code GB}
     */
    public List<Place> search(String name, String language, int count, String countryCode) {
        if (!countryCode.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 code: " + countryCode);
        }
        return lookUp(name, language, count, countryCode);
    }

    /** @param countryCode "" for places anywhere */
    private List<Place> lookUp(String name, String language, int count, String countryCode) {
        String key = language + "|" + count + "|" + countryCode + "|" + name.strip().toLowerCase(Locale.ROOT);
        return places.get(key, k -> fetchPlaces(name.strip(), language, count, countryCode));
    }

    /** Current conditions and {@value #MAX_DAYS} days for the point, in the point's own time zone. */
    public Forecast forecast(double latitude, double longitude, Units units) {
        double lat = round(latitude);
        double lon = round(longitude);
        String key = lat + "," + lon + "|" + units;
        return forecasts.get(key, k -> fetchForecast(lat, lon, units));
    }

    /** Hour-by-hour values for {@value #HOURLY_DAYS} days from today, in the point's own time zone. */
    public HourlyForecast hourly(double latitude, double longitude, Units units) {
        double lat = round(latitude);
        double lon = round(longitude);
        return hourlyForecasts.get(lat + "," + lon + "|" + units, k -> {
            HourlyForecast forecast = read(get("hourly forecast", forecastUrl, Map.of(
                    "latitude", String.valueOf(lat),
                    "longitude", String.valueOf(lon),
                    "hourly", HOURLY,
                    "timezone", "auto",
                    "forecast_days", String.valueOf(HOURLY_DAYS),
                    "temperature_unit", units.temperatureParam(),
                    "wind_speed_unit", units.windParam(),
                    "precipitation_unit", units.precipitationParam())), HourlyForecast.class, "hourly forecast");
            if (forecast.hourly() == null || forecast.hourly().time() == null) {
                throw new WeatherUnavailableException("hourly forecast: response without hourly data");
            }
            return forecast;
        });
    }

    /**
     * Yesterday and today at the point, for the daily forecast on {@code date} (today at the place): from the cache
     * when {@link #days} fetched it ahead and it covers that date, else one request in the scheduler's lane.
     * Concurrent calls for the same rounded point and units share one request.
     */
    public DayForecast day(double latitude, double longitude, Units units, LocalDate date) {
        Point point = new Point(round(latitude), round(longitude));
        return dayForecasts.asMap().compute(dayKey(point, units), (key, cached) -> cached != null
                && cached.daily().time().contains(date.toString()) ? cached
                : fetchDays(List.of(point), units).getFirst());
    }

    /**
     * Fetches the daily forecasts of these places ahead of time, {@value #PLACES_PER_REQUEST} places per request, in
     * the scheduler's lane, and keeps them for {@link #day}; returns those fetched, by rounded point, in the order
     * asked (fewer than asked when the budget or Open-Meteo stopped it: the rest stay for the next try).
     */
    public Map<Point, DayForecast> prefetchDays(List<Point> points, Units units) {
        Map<Point, DayForecast> fetched = new LinkedHashMap<>();
        for (int from = 0; from < points.size(); from += PLACES_PER_REQUEST) {
            List<Point> chunk = points.subList(from, Math.min(points.size(), from + PLACES_PER_REQUEST)).stream()
                    .map(p -> new Point(round(p.latitude()), round(p.longitude()))).toList();
            List<DayForecast> forecasts;
            try {
                forecasts = fetchDays(chunk, units);
            } catch (WeatherUnavailableException e) {
                break;
            }
            for (int i = 0; i < chunk.size(); i++) {
                keepDay(chunk.get(i), units, forecasts.get(i));
                fetched.put(chunk.get(i), forecasts.get(i));
            }
        }
        return fetched;
    }

    /** Keeps a daily forecast fetched elsewhere (by another instance, ahead of time) for {@link #day}. */
    public void keepDay(Point point, Units units, DayForecast forecast) {
        dayForecasts.put(dayKey(new Point(round(point.latitude()), round(point.longitude())), units), forecast);
    }

    /** The points among these whose daily forecast for {@code date} is not kept: what a delivery must still fetch. */
    public List<Point> withoutDay(List<Point> points, Units units, LocalDate date) {
        return points.stream().filter(p -> {
            DayForecast kept = dayForecasts.getIfPresent(dayKey(new Point(round(p.latitude()), round(p.longitude())),
                    units));
            return kept == null || !kept.daily().time().contains(date.toString());
        }).toList();
    }

    /** Calls the scheduler may make now without touching the users' share of the budget. */
    public int scheduledCallsLeft() {
        return budget.available(CallBudget.Lane.SCHEDULED);
    }

    private static String dayKey(Point point, Units units) {
        return point.latitude() + "," + point.longitude() + "|" + units;
    }

    /**
     * One request for all the points (Open-Meteo takes comma-separated coordinates and then answers with an array,
     * one object per point in the order asked); the forecasts in the same order.
     */
    private List<DayForecast> fetchDays(List<Point> points, Units units) {
        StringJoiner latitudes = new StringJoiner(",");
        StringJoiner longitudes = new StringJoiner(",");
        points.forEach(p -> {
            latitudes.add(String.valueOf(p.latitude()));
            longitudes.add(String.valueOf(p.longitude()));
        });
        byte[] body = get("daily forecast", forecastUrl, Map.of(
                "latitude", latitudes.toString(),
                "longitude", longitudes.toString(),
                "daily", DAY_DAILY,
                "hourly", DAY_HOURLY,
                "timezone", "auto",
                "past_days", "1",
                "forecast_days", "1",
                "temperature_unit", units.temperatureParam(),
                "wind_speed_unit", units.windParam(),
                "precipitation_unit", units.precipitationParam()), points.size(), CallBudget.Lane.SCHEDULED);
        List<DayForecast> forecasts = new ArrayList<>();
        try {
            JsonNode tree = json.readTree(body);
            for (JsonNode one : tree.isArray() ? tree : List.of(tree)) {
                forecasts.add(json.treeToValue(one, DayForecast.class));
            }
        } catch (IOException e) {
            throw new WeatherUnavailableException("daily forecast: unexpected response");
        }
        if (forecasts.size() != points.size()) {
            throw new WeatherUnavailableException("daily forecast: " + forecasts.size() + " answers for "
                    + points.size() + " places");
        }
        for (DayForecast forecast : forecasts) {
            if (forecast.daily() == null || forecast.daily().time() == null || forecast.hourly() == null
                    || forecast.hourly().time() == null) {
                throw new WeatherUnavailableException("daily forecast: response without daily or hourly data");
            }
        }
        return forecasts;
    }

    /**
     * The 24 hours before the current one and the 24 from it at the point, for weather alerts. Not cached: each place
     * is checked once an hour, and a check must see the latest forecast. Counted in the scheduler's share of the
     * budget, so that checks never take the users' calls.
     */
    public AlertHours alertHours(double latitude, double longitude, Units units) {
        AlertHours hours = read(get("alert forecast", forecastUrl, Map.of(
                "latitude", String.valueOf(round(latitude)),
                "longitude", String.valueOf(round(longitude)),
                "hourly", ALERT_HOURLY,
                "timezone", "auto",
                "past_hours", "24",
                "forecast_hours", "24",
                "temperature_unit", units.temperatureParam(),
                "wind_speed_unit", units.windParam(),
                "precipitation_unit", units.precipitationParam()), 1, CallBudget.Lane.SCHEDULED), AlertHours.class,
                "alert forecast");
        if (hours.hourly() == null || hours.hourly().time() == null) {
            throw new WeatherUnavailableException("alert forecast: response without hourly data");
        }
        return hours;
    }

    /** Air quality indices, pollutants and UV index now at the point. */
    public AirQuality airQuality(double latitude, double longitude) {
        double lat = round(latitude);
        double lon = round(longitude);
        return airQuality.get(lat + "," + lon, k -> {
            AirQuality result = read(get("air quality", airQualityUrl, Map.of(
                    "latitude", String.valueOf(lat),
                    "longitude", String.valueOf(lon),
                    "current", AIR,
                    "timezone", "auto")), AirQuality.class, "air quality");
            if (result.current() == null) {
                throw new WeatherUnavailableException("air quality: response without current data");
            }
            return result;
        });
    }

    private List<Place> fetchPlaces(String name, String language, int count, String countryCode) {
        Map<String, String> query = new LinkedHashMap<>(Map.of(
                "name", name, "count", String.valueOf(count), "language", language, "format", "json"));
        if (!countryCode.isEmpty()) {
            query.put("countryCode", countryCode);
        }
        GeocodingResponse response = read(get("geocoding", geocodingUrl, query), GeocodingResponse.class, "geocoding");
        return response.results() == null ? List.of() : List.copyOf(response.results());
    }

    private Forecast fetchForecast(double lat, double lon, Units units) {
        Map<String, String> query = Map.of(
                "latitude", String.valueOf(lat),
                "longitude", String.valueOf(lon),
                "current", CURRENT,
                "daily", DAILY,
                "timezone", "auto",
                "forecast_days", String.valueOf(MAX_DAYS),
                "temperature_unit", units.temperatureParam(),
                "wind_speed_unit", units.windParam(),
                "precipitation_unit", units.precipitationParam());
        Forecast forecast = read(get("forecast", forecastUrl, query), Forecast.class, "forecast");
        if (forecast.current() == null || forecast.daily() == null || forecast.daily().time() == null) {
            throw new WeatherUnavailableException("forecast: response without current or daily data");
        }
        return forecast;
    }

    private byte[] get(String api, URI uri, Map<String, String> query) {
        return get(api, uri, query, 1, CallBudget.Lane.INTERACTIVE);
    }

    /** One request for {@code places} places, each attempt counted against the lane's budget. */
    private byte[] get(String api, URI uri, Map<String, String> query, int places, CallBudget.Lane lane) {
        String failure = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (attempt > 0) {
                sleep(retryDelays.get(Math.min(attempt - 1, retryDelays.size() - 1)));
            }
            if (!budget.tryTake(places, lane)) {
                failure = "the budget of calls per minute (OPEN_METEO_CALLS_PER_MINUTE) is spent";
                metrics.openMeteoCall(api, CallResult.BUDGET_SPENT, Duration.ZERO);
                break;
            }
            HttpClientRequest request = http.get().get().uri(uri);
            query.forEach(request::queryParam);
            long started = System.nanoTime();
            try (HttpClientResponse response = request.request()) {
                int status = response.status().code();
                byte[] body = response.entity().as(byte[].class);
                metrics.openMeteoCall(api, CallResult.ofStatus(status), Duration.ofNanos(System.nanoTime() - started));
                if (status == 200) {
                    return body;
                }
                failure = "HTTP " + status + reason(body);
                if (status != 429 && status < 500) {
                    break;
                }
            } catch (RuntimeException e) {
                metrics.openMeteoCall(api, CallResult.TRANSPORT, Duration.ofNanos(System.nanoTime() - started));
                failure = e.getClass().getSimpleName();
            }
        }
        LOG.log(System.Logger.Level.WARNING, "Open-Meteo " + api + " failed: " + failure);
        throw new WeatherUnavailableException(api + ": " + failure);
    }

    private <T> T read(byte[] body, Class<T> type, String api) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new WeatherUnavailableException(api + ": unexpected response");
        }
    }

    /** Open-Meteo explains a 400 as {@code {"error": true, "reason": "..."}}. */
    private String reason(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.hasNonNull("reason") ? " (" + node.get("reason").asText() + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static double round(double coordinate) {
        return Math.round(coordinate * 100) / 100.0;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeatherUnavailableException("interrupted");
        }
    }

    private record GeocodingResponse(@JsonProperty("results") List<Place> results) {
    }
}
