package dev.weatheragent.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.StoreUnavailableException;
import dev.weatheragent.weather.AirQuality;
import dev.weatheragent.weather.Forecast;
import dev.weatheragent.weather.HourlyForecast;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Place;
import dev.weatheragent.weather.PlaceMatch;
import dev.weatheragent.weather.PlaceResolver;
import dev.weatheragent.weather.Units;
import dev.weatheragent.weather.WeatherUnavailableException;
import dev.weatheragent.weather.WmoCode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The agent's tools: typed arguments only (a name, coordinates, a day count, a local time window), never a URL or
 * a free-form request. Each answers with compact JSON carrying units, not Open-Meteo's raw response, in the chat's
 * chosen unit system. Failures come back as a short {@code error} the model can explain.
 */
public final class WeatherTools {

    private static final int MAX_CANDIDATES = 5;

    private final OpenMeteoClient weather;
    private final PlaceResolver places;
    private final ChatStore store;
    private final ObjectMapper json = new ObjectMapper();

    public WeatherTools(OpenMeteoClient weather, ChatStore store) {
        this.weather = weather;
        this.places = new PlaceResolver(weather);
        this.store = store;
    }

    @Tool("Finds places by name, narrowed by region or country when given. Returns up to 5 candidates, the likeliest"
            + " first, each with name, region, country, latitude, longitude, IANA time zone and population. Call it"
            + " before any weather tool. If several candidates could be meant and the user gave no region or country,"
            + " ask which one. If the result has \"unmatched\", no place of that name is in that region or country:"
            + " say so and offer the candidates.")
    public String findPlaces(
            @P("The place name in any language, optionally followed by a comma and its region, state or country, e.g."
                    + " \"Lviv\", \"Київ\", \"Paris, Texas\" or \"London, UK\"; no other words") String name,
            @P("ISO 639-1 code of the language for the returned names, e.g. \"en\" or \"uk\"") String language) {
        if (name == null || name.isBlank() || name.length() > 100) {
            return error("name must be 1 to 100 characters");
        }
        String lang = language != null && language.matches("[a-zA-Z]{2}") ? language.toLowerCase(Locale.ROOT) : "en";
        try {
            // The same reading of "name, qualifier" as the bot's commands, and the same choice first.
            Optional<PlaceMatch> match = places.resolve(name, lang);
            List<Place> candidates = match.map(PlaceMatch::ranked).orElse(List.of());
            ArrayNode result = json.createArrayNode();
            for (Place p : candidates.stream().limit(MAX_CANDIDATES).toList()) {
                result.addObject().put("name", p.name()).put("region", p.admin1()).put("country", p.country())
                        .put("latitude", p.latitude()).put("longitude", p.longitude())
                        .put("timezone", p.timezone()).put("population", p.population());
            }
            ObjectNode out = json.createObjectNode().put("query", name);
            out.set("candidates", result);
            match.filter(m -> !m.unmatched().isEmpty())
                    .ifPresent(m -> out.put("unmatched", String.join(", ", m.unmatched())));
            return out.toString();
        } catch (WeatherUnavailableException e) {
            return unavailable();
        }
    }

    @Tool("Current weather at coordinates: local time, condition, temperature, feels-like, humidity, wind, and"
            + " today's minimum, maximum and chance of precipitation, in the user's unit system.")
    public String currentWeather(@ToolMemoryId long chatId,
                                 @P("Latitude in degrees, from -90 to 90") double latitude,
                                 @P("Longitude in degrees, from -180 to 180") double longitude) {
        String bad = checkCoordinates(latitude, longitude);
        if (bad != null) {
            return bad;
        }
        Units units = unitsOf(chatId);
        try {
            Forecast f = weather.forecast(latitude, longitude, units);
            Forecast.Current c = f.current();
            ObjectNode out = json.createObjectNode()
                    .put("local_time", c.time()).put("timezone", f.timezone())
                    .put("condition", condition(c.weatherCode()))
                    .put("temperature", measure(c.temperature(), temperatureUnit(units)))
                    .put("feels_like", measure(c.apparentTemperature(), temperatureUnit(units)))
                    .put("humidity", measure(c.relativeHumidity(), "%"))
                    .put("wind", measure(c.windSpeed(), windUnit(units)))
                    .put("wind_from_degrees", c.windDirection())
                    .put("gusts", measure(c.windGusts(), windUnit(units)));
            Forecast.Daily d = f.daily();
            if (d.time() != null && !d.time().isEmpty()) {
                out.put("today_min", measure(at(d.temperatureMin(), 0), temperatureUnit(units)))
                        .put("today_max", measure(at(d.temperatureMax(), 0), temperatureUnit(units)))
                        .put("today_precipitation_chance", measure(toDouble(at(d.precipitationProbabilityMax(), 0)), "%"));
            }
            return out.toString();
        } catch (WeatherUnavailableException e) {
            return unavailable();
        }
    }

    @Tool("Daily forecast at coordinates for 1 to 16 days from today in the place's local time: per day the date,"
            + " condition, minimum and maximum temperature, precipitation amount and chance.")
    public String dailyForecast(@ToolMemoryId long chatId,
                                @P("Latitude in degrees, from -90 to 90") double latitude,
                                @P("Longitude in degrees, from -180 to 180") double longitude,
                                @P("Number of days from today, 1 to 16") int days) {
        String bad = checkCoordinates(latitude, longitude);
        if (bad != null) {
            return bad;
        }
        if (days < 1 || days > OpenMeteoClient.MAX_DAYS) {
            return error("days must be from 1 to 16");
        }
        Units units = unitsOf(chatId);
        try {
            Forecast f = weather.forecast(latitude, longitude, units);
            Forecast.Daily d = f.daily();
            ArrayNode rows = json.createArrayNode();
            for (int i = 0; i < Math.min(days, d.time().size()); i++) {
                rows.addObject().put("date", d.time().get(i))
                        .put("condition", condition(at(d.weatherCode(), i)))
                        .put("min", measure(at(d.temperatureMin(), i), temperatureUnit(units)))
                        .put("max", measure(at(d.temperatureMax(), i), temperatureUnit(units)))
                        .put("precipitation", measure(at(d.precipitationSum(), i), precipitationUnit(units)))
                        .put("precipitation_chance", measure(toDouble(at(d.precipitationProbabilityMax(), i)), "%"));
            }
            ObjectNode out = json.createObjectNode().put("timezone", f.timezone());
            out.set("days", rows);
            return out.toString();
        } catch (WeatherUnavailableException e) {
            return unavailable();
        }
    }

    @Tool("Hour-by-hour forecast at coordinates for a window of local hours on one local date within the next 7"
            + " days, e.g. tonight is today 18 to 23, tomorrow morning is tomorrow 6 to 11. Per hour: time,"
            + " condition, temperature, feels-like, precipitation and its chance, wind.")
    public String hourlyForecast(@ToolMemoryId long chatId,
                                 @P("Latitude in degrees, from -90 to 90") double latitude,
                                 @P("Longitude in degrees, from -180 to 180") double longitude,
                                 @P("The local date at the place, as YYYY-MM-DD") String date,
                                 @P("First local hour of the window, 0 to 23") int fromHour,
                                 @P("Last local hour of the window, 0 to 23, not before fromHour") int toHour) {
        String bad = checkCoordinates(latitude, longitude);
        if (bad != null) {
            return bad;
        }
        if (fromHour < 0 || toHour > 23 || fromHour > toHour) {
            return error("hours must satisfy 0 <= fromHour <= toHour <= 23");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException | NullPointerException e) {
            return error("date must be YYYY-MM-DD");
        }
        Units units = unitsOf(chatId);
        try {
            HourlyForecast f = weather.hourly(latitude, longitude, units);
            HourlyForecast.Hourly h = f.hourly();
            ArrayNode rows = json.createArrayNode();
            for (int i = 0; i < h.time().size(); i++) {
                String time = h.time().get(i);
                if (!time.startsWith(day.toString())) {
                    continue;
                }
                int hour = Integer.parseInt(time.substring(11, 13));
                if (hour < fromHour || hour > toHour) {
                    continue;
                }
                rows.addObject().put("time", time.substring(11))
                        .put("condition", condition(at(h.weatherCode(), i)))
                        .put("temperature", measure(at(h.temperature(), i), temperatureUnit(units)))
                        .put("feels_like", measure(at(h.apparentTemperature(), i), temperatureUnit(units)))
                        .put("precipitation", measure(at(h.precipitation(), i), precipitationUnit(units)))
                        .put("precipitation_chance", measure(toDouble(at(h.precipitationProbability(), i)), "%"))
                        .put("wind", measure(at(h.windSpeed(), i), windUnit(units)));
            }
            if (rows.isEmpty()) {
                return error("no hourly data for " + date + "; the forecast covers the next "
                        + OpenMeteoClient.HOURLY_DAYS + " days in the place's local time");
            }
            ObjectNode out = json.createObjectNode().put("timezone", f.timezone()).put("date", date);
            out.set("hours", rows);
            return out.toString();
        } catch (WeatherUnavailableException e) {
            return unavailable();
        }
    }

    @Tool("Air quality and UV index now at coordinates: European and US air quality index, PM2.5, PM10, ozone,"
            + " nitrogen dioxide (µg/m³) and UV index.")
    public String airQuality(@P("Latitude in degrees, from -90 to 90") double latitude,
                             @P("Longitude in degrees, from -180 to 180") double longitude) {
        String bad = checkCoordinates(latitude, longitude);
        if (bad != null) {
            return bad;
        }
        try {
            AirQuality.Current c = weather.airQuality(latitude, longitude).current();
            return json.createObjectNode().put("time", c.time())
                    .put("european_aqi", c.europeanAqi()).put("us_aqi", c.usAqi())
                    .put("pm2_5", measure(c.pm25(), "µg/m³")).put("pm10", measure(c.pm10(), "µg/m³"))
                    .put("ozone", measure(c.ozone(), "µg/m³"))
                    .put("nitrogen_dioxide", measure(c.nitrogenDioxide(), "µg/m³"))
                    .put("uv_index", c.uvIndex()).toString();
        } catch (WeatherUnavailableException e) {
            return unavailable();
        }
    }

    private String checkCoordinates(double latitude, double longitude) {
        if (!Double.isFinite(latitude) || !Double.isFinite(longitude) || Math.abs(latitude) > 90
                || Math.abs(longitude) > 180) {
            return error("latitude must be from -90 to 90 and longitude from -180 to 180");
        }
        return null;
    }

    private String error(String message) {
        return json.createObjectNode().put("error", message).toString();
    }

    private String unavailable() {
        return error("the weather service is unavailable right now; tell the user to try again in a few minutes");
    }

    private static String condition(Integer code) {
        WmoCode wmo = WmoCode.of(code);
        return wmo.describe("en") + " (WMO " + (code == null ? "?" : code) + ")";
    }

    private static String measure(Double value, String unit) {
        if (value == null) {
            return null;
        }
        double rounded = Math.round(value * 10) / 10.0;
        return (rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded)) + " " + unit;
    }

    private static Double toDouble(Integer value) {
        return value == null ? null : value.doubleValue();
    }

    private static <T> T at(List<T> values, int index) {
        return values == null || index >= values.size() ? null : values.get(index);
    }

    private static String temperatureUnit(Units units) {
        return units == Units.IMPERIAL ? "°F" : "°C";
    }

    private static String windUnit(Units units) {
        return units == Units.IMPERIAL ? "mph" : "km/h";
    }

    private static String precipitationUnit(Units units) {
        return units == Units.IMPERIAL ? "inch" : "mm";
    }

    /** The chat's units; metric while the store cannot say (the answer is still right, in metric units). */
    private Units unitsOf(long chatId) {
        try {
            return store.settings(chatId).units();
        } catch (StoreUnavailableException e) {
            return Units.METRIC;
        }
    }
}
