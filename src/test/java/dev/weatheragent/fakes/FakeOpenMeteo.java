package dev.weatheragent.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weatheragent.fakes.FakeHttpServer.Action;
import dev.weatheragent.fakes.FakeHttpServer.Request;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Open-Meteo on 127.0.0.1: {@code /v1/search} (geocoding) answers from a table of places (at most {@code
 * count} of them, only those in {@code countryCode} when it is given, named in {@code language} where the table
 * has their names in it), {@code
 * /v1/forecast} computes a deterministic forecast for any point, honouring the unit parameters and the place's time
 * zone (for several comma-separated coordinates at once, an array of such answers in the order asked, as the real
 * API answers). Parameters are checked as the real API checks them (unknown variables and out-of-range values are answered
 * with its 400 {@code {"error":true,"reason":..}}). Fixtures are this project's own.
 * <p>
 * Time works as in the real API: "now" comes from the clock the bot under test uses, days start at the place's local
 * midnight, and every local timestamp of one answer uses the UTC offset valid at the moment of the request (Open-Meteo
 * does not switch offsets within a response, so on the day clocks change the hours run on in the old offset).
 */
public final class FakeOpenMeteo implements AutoCloseable {

    private static final Set<String> CURRENT = Set.of("temperature_2m", "relative_humidity_2m", "apparent_temperature",
            "is_day", "precipitation", "rain", "showers", "snowfall", "weather_code", "cloud_cover", "pressure_msl",
            "surface_pressure", "wind_speed_10m", "wind_direction_10m", "wind_gusts_10m");
    private static final Set<String> DAILY = Set.of("weather_code", "temperature_2m_max", "temperature_2m_min",
            "precipitation_sum", "precipitation_probability_max", "sunrise", "sunset", "wind_speed_10m_max");
    private static final Set<String> HOURLY = Set.of("temperature_2m", "apparent_temperature",
            "precipitation_probability", "precipitation", "rain", "showers", "snowfall", "weather_code",
            "wind_speed_10m", "wind_gusts_10m", "relative_humidity_2m");
    private static final Set<String> AIR_CURRENT = Set.of("european_aqi", "us_aqi", "pm10", "pm2_5",
            "carbon_monoxide", "nitrogen_dioxide", "sulphur_dioxide", "ozone", "dust", "uv_index", "uv_index_clear_sky");
    private static final Set<String> FORECAST_PARAMS = Set.of("latitude", "longitude", "current", "daily", "hourly",
            "timezone", "forecast_days", "temperature_unit", "wind_speed_unit", "precipitation_unit", "timeformat",
            "past_days", "past_hours", "forecast_hours");
    private static final Set<String> SEARCH_PARAMS = Set.of("name", "count", "language", "format", "countryCode");

    /** A place the geocoder knows, with the fields of Open-Meteo's Geoname. */
    public record Place(long id, String name, String admin1, String country, String countryCode,
                        double latitude, double longitude, String timezone, long population) {
    }

    /** A place's names in one language, as the geocoder gives them when asked for that language. */
    public record Names(String name, String admin1, String country) {
    }

    /**
     * One hour's weather in metric units (°C, mm, cm of snow, km/h), as {@link #hourlyWeather} sets it; the fake
     * converts it to the units asked for.
     */
    public record Hour(double temperature, double precipitation, double rain, double showers, double snowfall,
                       int weatherCode, double gusts) {

        /** Mild, dry and calm. */
        public static final Hour FAIR = new Hour(12, 0, 0, 0, 0, 2, 20);

        public Hour withRain(double mm) {
            return new Hour(temperature, mm, mm, 0, 0, 61, gusts);
        }

        public Hour withCode(int code) {
            return new Hour(temperature, precipitation, rain, showers, snowfall, code, gusts);
        }

        public Hour withGusts(double kmh) {
            return new Hour(temperature, precipitation, rain, showers, snowfall, weatherCode, kmh);
        }

        public Hour withTemperature(double celsius) {
            return new Hour(celsius, precipitation, rain, showers, snowfall, weatherCode, gusts);
        }
    }

    /** A forecast request as received. */
    public record ForecastCall(double latitude, double longitude, String temperatureUnit, String windUnit,
                               String precipitationUnit, int days) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final FakeHttpServer server;
    private final Map<String, List<Place>> places = new ConcurrentHashMap<>();
    /** By "id|language". */
    private final Map<String, Names> translations = new ConcurrentHashMap<>();
    private final Deque<Action> faults = new ArrayDeque<>();
    private final List<ForecastCall> forecastCalls = new CopyOnWriteArrayList<>();
    /** How many places each forecast request asked for. */
    private final List<Integer> forecastRequests = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> searchCalls = new CopyOnWriteArrayList<>();
    private final List<String> airQualityCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Integer weatherCode;
    private volatile java.time.Duration delay = java.time.Duration.ZERO;
    private volatile double pastDaysWarmerBy;
    private volatile java.util.function.Function<Instant, Hour> hourlyWeather;
    private final Clock clock;

    /** A fake whose "now" is this clock's: give it the clock the bot under test uses. */
    public FakeOpenMeteo(Clock clock) throws IOException {
        this.clock = clock;
        this.server = new FakeHttpServer(this::handle);
        addDefaults();
    }

    public URI forecastUrl() {
        return server.uri("/v1/forecast");
    }

    public URI geocodingUrl() {
        return server.uri("/v1/search");
    }

    public URI airQualityUrl() {
        return server.uri("/v1/air-quality");
    }

    /** Makes the geocoder answer {@code name} (case-insensitive) with these places, in this order. */
    public void place(String name, Place... matches) {
        places.put(name.toLowerCase(Locale.ROOT), List.of(matches));
    }

    /**
     * Makes searches in {@code language} answer with these names for the place with this id, as Open-Meteo does
     * from GeoNames' alternate names; other languages keep the place's own names.
     */
    public void names(long placeId, String language, Names names) {
        translations.put(placeId + "|" + language, names);
    }

    /** The next requests, to either API, get these actions. */
    public synchronized void fail(Action... actions) {
        faults.addAll(List.of(actions));
    }

    /** Fixes the weather code every forecast reports. */
    public void weatherCode(int code) {
        weatherCode = code;
    }

    /**
     * Hourly temperature, precipitation (and its rain, showers, snowfall), weather code and gusts from now on come
     * from this function of the hour's timestamp (the instant Open-Meteo's local time stands for); the other hourly
     * variables keep the formula.
     */
    public void hourlyWeather(java.util.function.Function<Instant, Hour> weather) {
        hourlyWeather = weather;
    }

    /** Past days ({@code past_days}) come this much warmer than the formula, so that a change since yesterday shows. */
    public void pastDaysWarmerBy(double celsius) {
        pastDaysWarmerBy = celsius;
    }

    /** Every answer from now on comes this much later: a slow upstream. */
    public void delay(java.time.Duration value) {
        delay = value;
    }

    public int requests() {
        return requests.get();
    }

    /** Every place asked for, one entry per place (a request for several places adds several). */
    public List<ForecastCall> forecastCalls() {
        return List.copyOf(forecastCalls);
    }

    /** The forecast requests, each as how many places it asked for. */
    public List<Integer> forecastRequests() {
        return List.copyOf(forecastRequests);
    }

    /** "lat,lon" of each air-quality request. */
    public List<String> airQualityCalls() {
        return List.copyOf(airQualityCalls);
    }

    public List<Map<String, String>> searchCalls() {
        return List.copyOf(searchCalls);
    }

    public static final Place KYIV = new Place(703448, "Kyiv", "Kyiv City", "Ukraine", "UA", 50.45466, 30.5238,
            "Europe/Kyiv", 2797553);
    public static final Place LVIV = new Place(702550, "Lviv", "Lviv Oblast", "Ukraine", "UA", 49.83826, 24.02324,
            "Europe/Kyiv", 717803);
    /** UTC+13: a day ahead of UTC most of the time. */
    public static final Place APIA = new Place(4035413, "Apia", "Tuamasaga", "Samoa", "WS", -13.83333, -171.76666,
            "Pacific/Apia", 40407);
    /** UTC-6 or -5: a day behind Kyiv in the evening. */
    public static final Place PARIS_TEXAS = new Place(4717560, "Paris", "Texas", "United States", "US", 33.66094,
            -95.55551, "America/Chicago", 24782);
    public static final Place LONDON = new Place(2643743, "London", "England", "United Kingdom", "GB", 51.50853,
            -0.12574, "Europe/London", 8961989);

    private void addDefaults() {
        place("Kyiv", KYIV);
        place("Київ", KYIV);
        names(KYIV.id(), "uk", new Names("Київ", "Київ", "Україна"));
        place("Lviv", LVIV);
        place("Львів", LVIV);
        names(LVIV.id(), "uk", new Names("Львів", "Львівська область", "Україна"));
        place("Paris",
                PARIS_TEXAS,
                new Place(2988507, "Paris", "Île-de-France", "France", "FR", 48.85341, 2.3488, "Europe/Paris", 2138551),
                new Place(4647963, "Paris", "Tennessee", "United States", "US", 36.302, -88.32671, "America/Chicago", 10156));
        place("Apia", APIA);
        place("London", LONDON,
                new Place(6058560, "London", "Ontario", "Canada", "CA", 42.98339, -81.23304, "America/Toronto", 422324),
                new Place(4298960, "London", "Kentucky", "United States", "US", 37.12898, -84.08326, "America/New_York",
                        8126));
        place("Portland",
                new Place(5746545, "Portland", "Oregon", "United States", "US", 45.52345, -122.67621,
                        "America/Los_Angeles", 652503),
                new Place(4975802, "Portland", "Maine", "United States", "US", 43.66147, -70.25533, "America/New_York",
                        68408),
                new Place(2152668, "Portland", "Victoria", "Australia", "AU", -38.34623, 141.60428,
                        "Australia/Melbourne", 9712));
        place("Springfield",
                new Place(4409896, "Springfield", "Missouri", "United States", "US", 37.21533, -93.29824,
                        "America/Chicago", 169176),
                new Place(4951788, "Springfield", "Massachusetts", "United States", "US", 42.10148, -72.58981,
                        "America/New_York", 155929),
                new Place(4250542, "Springfield", "Illinois", "United States", "US", 39.80172, -89.64371,
                        "America/Chicago", 114394));
        place("New York", new Place(5128581, "New York", "New York", "United States", "US", 40.71427, -74.00597,
                "America/New_York", 8804190));
        place("Washington",
                new Place(4140963, "Washington", "Washington, D.C.", "United States", "US", 38.89511, -77.03637,
                        "America/New_York", 689545),
                new Place(2634715, "Washington", "England", "United Kingdom", "GB", 54.9, -1.51667, "Europe/London",
                        53526));
        place("Toronto", new Place(6167865, "Toronto", "Ontario", "Canada", "CA", 43.70643, -79.39864,
                "America/Toronto", 2600000));
        place("Sydney",
                new Place(2147714, "Sydney", "New South Wales", "Australia", "AU", -33.86785, 151.20732,
                        "Australia/Sydney", 4627345),
                new Place(6354908, "Sydney", "Nova Scotia", "Canada", "CA", 46.1351, -60.1831, "America/Glace_Bay",
                        105968));
        place("Tbilisi", new Place(611717, "Tbilisi", "Tbilisi", "Georgia", "GE", 41.69411, 44.83368, "Asia/Tbilisi",
                1049498));
        place("Atlanta", new Place(4180439, "Atlanta", "Georgia", "United States", "US", 33.749, -84.38798,
                "America/New_York", 498044));
    }

    private Action handle(Request request) throws InterruptedException {
        requests.incrementAndGet();
        Thread.sleep(delay);
        synchronized (this) {
            if (!faults.isEmpty()) {
                return faults.poll();
            }
        }
        if (!request.method().equals("GET")) {
            return error("Only GET is supported");
        }
        return switch (request.path()) {
            case "/v1/search" -> search(request.query());
            case "/v1/forecast" -> forecast(request.query());
            case "/v1/air-quality" -> airQuality(request.query());
            default -> FakeHttpServer.json(404, "{\"error\":true,\"reason\":\"Not Found\"}");
        };
    }

    private Action search(Map<String, String> q) {
        searchCalls.add(q);
        for (String key : q.keySet()) {
            if (!SEARCH_PARAMS.contains(key)) {
                return error("Unknown parameter " + key);
            }
        }
        String name = q.getOrDefault("name", "");
        int count = Integer.parseInt(q.getOrDefault("count", "10"));
        if (count < 1 || count > 100) {
            return error("Parameter count must be between 1 and 100");
        }
        String language = q.getOrDefault("language", "en");
        String countryCode = q.get("countryCode");
        ObjectNode body = json.createObjectNode();
        // Like Open-Meteo, filter by country before counting: count is how many of that country come back.
        List<Place> named = name.length() < 2 ? List.of()
                : places.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        List<Place> found = named.stream()
                .filter(p -> countryCode == null || countryCode.equals(p.countryCode()))
                .limit(count).toList();
        if (!found.isEmpty()) {
            ArrayNode results = body.putArray("results");
            found.forEach(p -> {
                Names names = translations.getOrDefault(p.id() + "|" + language,
                        new Names(p.name(), p.admin1(), p.country()));
                ObjectNode r = results.addObject().put("id", p.id()).put("name", names.name())
                        .put("latitude", p.latitude()).put("longitude", p.longitude()).put("elevation", 150.0)
                        .put("feature_code", "PPLC").put("country_code", p.countryCode()).put("timezone", p.timezone())
                        .put("country", names.country());
                if (names.admin1() != null) {
                    r.put("admin1", names.admin1());
                }
                if (p.population() > 0) {
                    r.put("population", p.population());
                }
            });
        }
        body.put("generationtime_ms", 0.5);
        return FakeHttpServer.json(200, body.toString());
    }

    private Action forecast(Map<String, String> q) {
        for (String key : q.keySet()) {
            if (!FORECAST_PARAMS.contains(key)) {
                return error("Unknown parameter " + key);
            }
        }
        // Like the real API: several comma-separated coordinates ask for several places at once.
        double[] lats;
        double[] lons;
        int days;
        int past;
        Integer pastHours;
        Integer forecastHours;
        try {
            lats = java.util.Arrays.stream(q.get("latitude").split(",")).mapToDouble(Double::parseDouble).toArray();
            lons = java.util.Arrays.stream(q.get("longitude").split(",")).mapToDouble(Double::parseDouble).toArray();
            days = Integer.parseInt(q.getOrDefault("forecast_days", "7"));
            past = Integer.parseInt(q.getOrDefault("past_days", "0"));
            pastHours = q.containsKey("past_hours") ? Integer.valueOf(q.get("past_hours")) : null;
            forecastHours = q.containsKey("forecast_hours") ? Integer.valueOf(q.get("forecast_hours")) : null;
        } catch (NumberFormatException | NullPointerException e) {
            return error("Invalid latitude, longitude, forecast_days, past_days, past_hours or forecast_hours");
        }
        if (pastHours != null && pastHours < 0 || forecastHours != null && forecastHours < 0) {
            return error("Past hours and forecast hours must not be negative");
        }
        if (lats.length != lons.length) {
            return error("Parameter 'latitude' and 'longitude' must have the same number of elements");
        }
        if (past < 0 || past > 92) {
            return error("Past days is invalid. Allowed range 0 to 92.");
        }
        for (int i = 0; i < lats.length; i++) {
            if (Math.abs(lats[i]) > 90 || Math.abs(lons[i]) > 180) {
                return error("Latitude must be in range of -90 to 90°. Given: " + lats[i] + ".");
            }
        }
        if (days < 0 || days > 16) {
            return error("Forecast days is invalid. Allowed range 0 to 16.");
        }
        List<String> current = split(q.get("current"));
        List<String> daily = split(q.get("daily"));
        List<String> hourly = split(q.get("hourly"));
        for (String v : hourly) {
            if (!HOURLY.contains(v)) {
                return error("Cannot initialize WeatherVariable from invalid String value " + v);
            }
        }
        for (String v : current) {
            if (!CURRENT.contains(v)) {
                return error("Cannot initialize WeatherVariable from invalid String value " + v);
            }
        }
        for (String v : daily) {
            if (!DAILY.contains(v)) {
                return error("Cannot initialize WeatherVariable from invalid String value " + v);
            }
        }
        String tempUnit = q.getOrDefault("temperature_unit", "celsius");
        String windUnit = q.getOrDefault("wind_speed_unit", "kmh");
        String precipUnit = q.getOrDefault("precipitation_unit", "mm");
        if (!Set.of("celsius", "fahrenheit").contains(tempUnit) || !Set.of("kmh", "ms", "mph", "kn").contains(windUnit)
                || !Set.of("mm", "inch").contains(precipUnit)) {
            return error("Invalid unit");
        }
        forecastRequests.add(lats.length);
        if (lats.length == 1) {
            return FakeHttpServer.json(200, forecastAt(lats[0], lons[0], q, days, past, pastHours, forecastHours, current,
                    daily, hourly, tempUnit, windUnit, precipUnit).toString());
        }
        // One object per place, in the order asked.
        ArrayNode all = json.createArrayNode();
        for (int i = 0; i < lats.length; i++) {
            all.add(forecastAt(lats[i], lons[i], q, days, past, pastHours, forecastHours, current, daily, hourly,
                    tempUnit, windUnit, precipUnit));
        }
        return FakeHttpServer.json(200, all.toString());
    }

    private ObjectNode forecastAt(double lat, double lon, Map<String, String> q, int days, int past,
                                  Integer pastHours, Integer forecastHours, List<String> current, List<String> daily, List<String> hourly, String tempUnit,
                                  String windUnit, String precipUnit) {
        forecastCalls.add(new ForecastCall(lat, lon, tempUnit, windUnit, precipUnit, days));
        String tz = timezone(q, lat, lon);
        ZonedDateTime now = localNow(tz);
        ZoneOffset offset = now.getOffset();
        boolean fahrenheit = tempUnit.equals("fahrenheit");
        boolean mph = windUnit.equals("mph");
        boolean inch = precipUnit.equals("inch");
        double baseC = 25 - Math.abs(lat) / 2;

        ObjectNode body = json.createObjectNode()
                .put("latitude", lat).put("longitude", lon).put("generationtime_ms", 0.1)
                .put("utc_offset_seconds", now.getOffset().getTotalSeconds())
                .put("timezone", tz).put("timezone_abbreviation", abbreviation(tz, now.toInstant()))
                .put("elevation", 150.0);
        if (!current.isEmpty()) {
            ObjectNode units = body.putObject("current_units").put("time", "iso8601").put("interval", "seconds");
            ObjectNode c = body.putObject("current")
                    .put("time", now.withMinute(now.getMinute() / 15 * 15).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")))
                    .put("interval", 900);
            for (String v : current) {
                switch (v) {
                    case "temperature_2m" -> c.put(v, temp(baseC, fahrenheit));
                    case "apparent_temperature" -> c.put(v, temp(baseC - 3, fahrenheit));
                    case "relative_humidity_2m" -> c.put(v, 71);
                    case "weather_code" -> c.put(v, weatherCode == null ? 3 : weatherCode);
                    case "wind_speed_10m" -> c.put(v, mph ? 8.7 : 14.0);
                    case "wind_direction_10m" -> c.put(v, 315);
                    case "wind_gusts_10m" -> c.put(v, mph ? 18.6 : 30.0);
                    case "is_day" -> c.put(v, 1);
                    default -> c.put(v, 0.0);
                }
                units.put(v, unitOf(v, fahrenheit, windUnit, inch));
            }
        }
        if (!daily.isEmpty()) {
            ObjectNode units = body.putObject("daily_units").put("time", "iso8601");
            ObjectNode d = body.putObject("daily");
            ArrayNode time = d.putArray("time");
            LocalDate today = now.toLocalDate();
            // Like the real API, past days come first; i counts from today, so answers without them are unchanged.
            for (int i = -past; i < days; i++) {
                time.add(today.plusDays(i).toString());
            }
            for (String v : daily) {
                ArrayNode values = d.putArray(v);
                for (int i = -past; i < days; i++) {
                    double shift = i < 0 ? pastDaysWarmerBy : 0;
                    int k = i >= 0 ? i : Math.floorMod(i, 12);
                    switch (v) {
                        case "temperature_2m_max" -> values.add(temp(baseC + 4 + k % 3 + shift, fahrenheit));
                        case "temperature_2m_min" -> values.add(temp(baseC - 4 - k % 2 + shift, fahrenheit));
                        case "weather_code" -> values.add(weatherCode == null ? List.of(0, 3, 61, 71).get(k % 4) : weatherCode);
                        case "precipitation_sum" -> values.add(inch ? 0.05 * k : 1.2 * k);
                        case "precipitation_probability_max" -> values.add(Math.min(100, 10 * k + 5));
                        case "wind_speed_10m_max" -> values.add(mph ? 12.4 : 20.0);
                        default -> values.add(0);
                    }
                }
                units.put(v, unitOf(v, fahrenheit, windUnit, inch));
            }
        }
        if (!hourly.isEmpty()) {
            ObjectNode units = body.putObject("hourly_units").put("time", "iso8601");
            ObjectNode hd = body.putObject("hourly");
            ArrayNode time = hd.putArray("time");
            // Like the real API, forecast_hours and past_hours count from the current hour; otherwise whole days.
            List<ZonedDateTime> stamps = new ArrayList<>();
            if (pastHours != null || forecastHours != null) {
                ZonedDateTime hour = now.truncatedTo(ChronoUnit.HOURS);
                int before = pastHours == null ? 0 : pastHours;
                int ahead = forecastHours == null ? days * 24 : forecastHours;
                for (int i = -before; i < ahead; i++) {
                    stamps.add(hour.plusHours(i));
                }
            } else {
                ZonedDateTime midnight = now.toLocalDate().minusDays(past).atStartOfDay(offset);
                for (int i = 0; i < (past + days) * 24; i++) {
                    stamps.add(midnight.plusHours(i));
                }
            }
            DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
            stamps.forEach(stamp -> time.add(stamp.format(format)));
            java.util.function.Function<Instant, Hour> weather = hourlyWeather;
            for (String v : hourly) {
                ArrayNode values = hd.putArray(v);
                for (ZonedDateTime stamp : stamps) {
                    int hour = stamp.getHour();
                    Hour set = weather == null ? null : weather.apply(stamp.toInstant());
                    if (set != null && addSet(values, v, set, fahrenheit, mph, inch)) {
                        continue;
                    }
                    switch (v) {
                        case "temperature_2m" -> values.add(temp(baseC - 5 + hour / 3.0, fahrenheit));
                        case "apparent_temperature" -> values.add(temp(baseC - 8 + hour / 3.0, fahrenheit));
                        case "precipitation_probability" -> values.add(hour >= 18 ? 80 : 10);
                        case "precipitation", "rain" -> values.add(hour >= 18 ? (inch ? 0.04 : 1.0) : 0.0);
                        case "showers", "snowfall" -> values.add(0.0);
                        case "weather_code" -> values.add(hour >= 18 ? 61 : 2);
                        case "wind_speed_10m" -> values.add(mph ? 6.2 : 10.0);
                        case "wind_gusts_10m" -> values.add(mph ? 18.6 : 30.0);
                        default -> values.add(50);
                    }
                }
                units.put(v, unitOf(v, fahrenheit, windUnit, inch));
            }
        }
        return body;
    }

    private Action airQuality(Map<String, String> q) {
        for (String key : q.keySet()) {
            if (!Set.of("latitude", "longitude", "current", "hourly", "timezone", "forecast_days").contains(key)) {
                return error("Unknown parameter " + key);
            }
        }
        List<String> current = split(q.get("current"));
        for (String v : current) {
            if (!AIR_CURRENT.contains(v)) {
                return error("Cannot initialize AirQualityVariable from invalid String value " + v);
            }
        }
        double lat = Double.parseDouble(q.get("latitude"));
        double lon = Double.parseDouble(q.get("longitude"));
        airQualityCalls.add(lat + "," + lon);
        String tz = timezone(q, lat, lon);
        ZonedDateTime now = localNow(tz);
        ObjectNode body = json.createObjectNode().put("latitude", lat).put("longitude", lon)
                .put("timezone", tz).put("utc_offset_seconds", now.getOffset().getTotalSeconds());
        ObjectNode c = body.putObject("current")
                .put("time", now.truncatedTo(ChronoUnit.HOURS).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")))
                .put("interval", 3600);
        for (String v : current) {
            switch (v) {
                case "european_aqi" -> c.put(v, 42);
                case "us_aqi" -> c.put(v, 55);
                case "uv_index" -> c.put(v, 1.3);
                default -> c.put(v, 12.5);
            }
        }
        return FakeHttpServer.json(200, body.toString());
    }

    /** Adds the set hour's value of {@code variable} in the units asked for; false for a variable it does not set. */
    private static boolean addSet(ArrayNode values, String variable, Hour h, boolean fahrenheit, boolean mph,
                                  boolean inch) {
        switch (variable) {
            case "temperature_2m" -> values.add(temp(h.temperature(), fahrenheit));
            case "precipitation" -> values.add(inch ? Math.round(h.precipitation() / 25.4 * 1000) / 1000.0
                    : h.precipitation());
            case "rain" -> values.add(inch ? Math.round(h.rain() / 25.4 * 1000) / 1000.0 : h.rain());
            case "showers" -> values.add(inch ? Math.round(h.showers() / 25.4 * 1000) / 1000.0 : h.showers());
            case "snowfall" -> values.add(inch ? Math.round(h.snowfall() / 2.54 * 1000) / 1000.0 : h.snowfall());
            case "weather_code" -> values.add(h.weatherCode());
            case "wind_gusts_10m" -> values.add(mph ? Math.round(h.gusts() * 0.621371 * 10) / 10.0 : h.gusts());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The time zone a request asks for; "auto" is the point's own. */
    private String timezone(Map<String, String> q, double lat, double lon) {
        return "auto".equals(q.get("timezone")) ? zoneFor(lat, lon) : q.getOrDefault("timezone", "GMT");
    }

    /** Now, in the UTC offset the zone has at this moment: the one Open-Meteo uses for a whole answer. */
    private ZonedDateTime localNow(String tz) {
        Instant instant = clock.instant();
        return instant.atZone(ZoneId.of(tz).getRules().getOffset(instant));
    }

    /** The time zone the fake's places use; elsewhere a whole-hour offset from the longitude. */
    private String zoneFor(double lat, double lon) {
        for (List<Place> list : places.values()) {
            for (Place p : list) {
                if (Math.abs(p.latitude() - lat) < 0.05 && Math.abs(p.longitude() - lon) < 0.05) {
                    return p.timezone();
                }
            }
        }
        long hours = Math.round(lon / 15);
        return hours == 0 ? "GMT" : "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
    }

    /** The zone's short name at that moment, as Open-Meteo gives it ("EET", "CEST", "GMT+13"). */
    private static String abbreviation(String tz, Instant instant) {
        ZoneId zone = ZoneId.of(tz);
        return DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(instant.atZone(zone));
    }

    private static double temp(double celsius, boolean fahrenheit) {
        double v = fahrenheit ? celsius * 9 / 5 + 32 : celsius;
        return Math.round(v * 10) / 10.0;
    }

    private static String unitOf(String variable, boolean fahrenheit, String wind, boolean inch) {
        if (variable.startsWith("temperature") || variable.startsWith("apparent")) {
            return fahrenheit ? "°F" : "°C";
        }
        if (variable.startsWith("wind_speed") || variable.startsWith("wind_gusts")) {
            return switch (wind) {
                case "mph" -> "mp/h";
                case "ms" -> "m/s";
                case "kn" -> "kn";
                default -> "km/h";
            };
        }
        if (variable.startsWith("precipitation_sum")) {
            return inch ? "inch" : "mm";
        }
        return variable.contains("probability") || variable.contains("humidity") ? "%" : "wmo code";
    }

    private static List<String> split(String csv) {
        List<String> values = new ArrayList<>();
        if (csv != null) {
            for (String v : csv.split(",")) {
                if (!v.isBlank()) {
                    values.add(v.strip());
                }
            }
        }
        return values;
    }

    private static Action error(String reason) {
        return FakeHttpServer.json(400, "{\"error\":true,\"reason\":\"" + reason.replace("\"", "'") + "\"}");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
