package dev.weatheragent.weather;

/**
 * WMO weather interpretation codes as Open-Meteo reports them ({@code weather_code}), with an emoji and words in
 * the bot's languages. Codes outside the table map to {@link #UNKNOWN}.
 */
public enum WmoCode {
    CLEAR(0, "☀️", "Clear sky", "Ясно"),
    MAINLY_CLEAR(1, "🌤", "Mainly clear", "Переважно ясно"),
    PARTLY_CLOUDY(2, "⛅", "Partly cloudy", "Мінлива хмарність"),
    OVERCAST(3, "☁️", "Overcast", "Хмарно"),
    FOG(45, "🌫", "Fog", "Туман"),
    RIME_FOG(48, "🌫", "Depositing rime fog", "Туман з інеєм"),
    DRIZZLE_LIGHT(51, "🌦", "Light drizzle", "Легка мряка"),
    DRIZZLE(53, "🌦", "Drizzle", "Мряка"),
    DRIZZLE_DENSE(55, "🌧", "Dense drizzle", "Сильна мряка"),
    FREEZING_DRIZZLE_LIGHT(56, "🌧", "Light freezing drizzle", "Легка крижана мряка"),
    FREEZING_DRIZZLE(57, "🌧", "Dense freezing drizzle", "Сильна крижана мряка"),
    RAIN_LIGHT(61, "🌦", "Light rain", "Невеликий дощ"),
    RAIN(63, "🌧", "Rain", "Дощ"),
    RAIN_HEAVY(65, "🌧", "Heavy rain", "Сильний дощ"),
    FREEZING_RAIN_LIGHT(66, "🌧", "Light freezing rain", "Легкий крижаний дощ"),
    FREEZING_RAIN(67, "🌧", "Heavy freezing rain", "Сильний крижаний дощ"),
    SNOW_LIGHT(71, "🌨", "Light snow", "Невеликий сніг"),
    SNOW(73, "🌨", "Snow", "Сніг"),
    SNOW_HEAVY(75, "❄️", "Heavy snow", "Сильний сніг"),
    SNOW_GRAINS(77, "🌨", "Snow grains", "Снігова крупа"),
    SHOWERS_LIGHT(80, "🌦", "Light rain showers", "Невелика злива"),
    SHOWERS(81, "🌧", "Rain showers", "Злива"),
    SHOWERS_VIOLENT(82, "⛈", "Violent rain showers", "Сильна злива"),
    SNOW_SHOWERS_LIGHT(85, "🌨", "Light snow showers", "Невеликий снігопад"),
    SNOW_SHOWERS(86, "❄️", "Heavy snow showers", "Сильний снігопад"),
    THUNDERSTORM(95, "⛈", "Thunderstorm", "Гроза"),
    THUNDERSTORM_HAIL_LIGHT(96, "⛈", "Thunderstorm with light hail", "Гроза з невеликим градом"),
    THUNDERSTORM_HAIL(99, "⛈", "Thunderstorm with heavy hail", "Гроза з сильним градом"),
    UNKNOWN(-1, "🌡", "Conditions unknown", "Умови невідомі");

    private final int code;
    private final String emoji;
    private final String english;
    private final String ukrainian;

    WmoCode(int code, String emoji, String english, String ukrainian) {
        this.code = code;
        this.emoji = emoji;
        this.english = english;
        this.ukrainian = ukrainian;
    }

    /** The entry for a code, {@link #UNKNOWN} for null or a code WMO's table used by Open-Meteo does not have. */
    public static WmoCode of(Integer code) {
        if (code != null) {
            for (WmoCode c : values()) {
                if (c.code == code) {
                    return c;
                }
            }
        }
        return UNKNOWN;
    }

    public int code() {
        return code;
    }

    public String emoji() {
        return emoji;
    }

    /** The condition in words, Ukrainian for {@code uk} and English otherwise. */
    public String describe(String language) {
        return "uk".equals(language) ? ukrainian : english;
    }
}
