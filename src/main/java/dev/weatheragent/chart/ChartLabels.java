package dev.weatheragent.chart;

import java.util.Locale;

/**
 * The words on a chart, already in the user's language. Plain text (drawn, not parsed as HTML).
 *
 * @param title             the place, e.g. "Kyiv, Kyiv City, Ukraine"
 * @param subtitle          what is shown, e.g. "Next 3 days, local time (Europe/Kyiv)"
 * @param temperature       the temperature series, e.g. "Temperature, °C"
 * @param precipitation     the precipitation bars, e.g. "Precipitation, mm"
 * @param probability       the chance area, e.g. "Chance of precipitation, %"
 * @param temperatureUnit   for the axis and the daily extremes, e.g. "°C"
 * @param precipitationUnit for the axis, e.g. "mm"
 * @param dry               written across the precipitation panel when nothing falls at all
 * @param now               the label of the "now" line
 * @param source            the attribution, drawn in a corner
 * @param locale            for day names and numbers
 */
public record ChartLabels(String title, String subtitle, String temperature, String precipitation, String probability,
                          String temperatureUnit, String precipitationUnit, String dry, String now, String source,
                          Locale locale) {
}
