package dev.weatheragent.weather;

/** The unit systems a chat can choose, as Open-Meteo's unit parameters. */
public enum Units {
    METRIC("celsius", "kmh", "mm"),
    IMPERIAL("fahrenheit", "mph", "inch");

    private final String temperatureParam;
    private final String windParam;
    private final String precipitationParam;

    Units(String temperatureParam, String windParam, String precipitationParam) {
        this.temperatureParam = temperatureParam;
        this.windParam = windParam;
        this.precipitationParam = precipitationParam;
    }

    /** Open-Meteo's {@code temperature_unit}. */
    public String temperatureParam() {
        return temperatureParam;
    }

    /** Open-Meteo's {@code wind_speed_unit}. */
    public String windParam() {
        return windParam;
    }

    /** Open-Meteo's {@code precipitation_unit}. */
    public String precipitationParam() {
        return precipitationParam;
    }
}
