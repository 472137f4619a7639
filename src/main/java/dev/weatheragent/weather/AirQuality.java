package dev.weatheragent.weather;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Air quality and UV now at a point, from Open-Meteo's air-quality API. */
public record AirQuality(double latitude, double longitude, String timezone, Current current) {

    /** Values now; missing ones are null. */
    public record Current(String time,
                          @JsonProperty("european_aqi") Double europeanAqi,
                          @JsonProperty("us_aqi") Double usAqi,
                          @JsonProperty("pm2_5") Double pm25,
                          @JsonProperty("pm10") Double pm10,
                          @JsonProperty("ozone") Double ozone,
                          @JsonProperty("nitrogen_dioxide") Double nitrogenDioxide,
                          @JsonProperty("uv_index") Double uvIndex) {
    }
}
