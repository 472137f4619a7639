package dev.weatheragent.bot;

import dev.weatheragent.weather.Forecast;
import dev.weatheragent.weather.Units;
import dev.weatheragent.weather.WmoCode;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Turns Open-Meteo forecasts into the bot's HTML replies. One fact per line, so replies split cleanly at line breaks;
 * the title arrives escaped, every other string here is the bot's own.
 */
final class WeatherFormatter {

    private static final String MISSING = "—";

    private final Clock clock;

    WeatherFormatter(Clock clock) {
        this.clock = clock;
    }

    /** The /weather reply: conditions now, today's range and the place's local time. */
    String now(String titleHtml, Forecast forecast, Units units, Texts t) {
        Forecast.Current c = forecast.current();
        ZonedDateTime localNow = ZonedDateTime.now(clock).withZoneSameInstant(zone(forecast));
        WmoCode code = WmoCode.of(c.weatherCode());
        String temp = t.get("unit.temperature." + units);
        int today = todayIndex(forecast.daily(), localNow.toLocalDate());
        StringBuilder out = new StringBuilder()
                .append("<b>").append(titleHtml).append("</b>\n")
                .append("🕒 ").append(DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", t.locale()).format(localNow))
                .append(' ').append(t.get("label.localTime")).append('\n')
                .append(code.emoji()).append(' ').append(code.describe(t.language())).append(", <b>")
                .append(degrees(c.temperature(), temp)).append("</b>, ").append(t.get("label.feelsLike"))
                .append(' ').append(degrees(c.apparentTemperature(), temp)).append('\n')
                .append("💨 ").append(t.get("label.wind")).append(' ')
                .append(whole(c.windSpeed())).append(' ').append(t.get("unit.wind." + units));
        if (c.windDirection() != null) {
            out.append(' ').append(compass(c.windDirection(), t));
        }
        if (c.windGusts() != null) {
            out.append(", ").append(t.get("label.gusts")).append(' ').append(whole(c.windGusts()))
                    .append(' ').append(t.get("unit.wind." + units));
        }
        out.append('\n');
        if (c.relativeHumidity() != null) {
            out.append("💧 ").append(t.get("label.humidity")).append(' ').append(whole(c.relativeHumidity()))
                    .append("%\n");
        }
        Forecast.Daily d = forecast.daily();
        if (today >= 0) {
            out.append("☔ ").append(t.get("label.precipitationChance")).append(": ")
                    .append(percent(at(d.precipitationProbabilityMax(), today))).append('\n')
                    .append("🌡 ").append(t.get("label.today")).append(": ")
                    .append(range(at(d.temperatureMin(), today), at(d.temperatureMax(), today), temp)).append('\n');
        }
        return out.toString().strip();
    }

    /** One line for an inline result's title: "7 °C, light rain" (plain text). */
    String headline(Forecast forecast, Units units, Texts t) {
        Forecast.Current c = forecast.current();
        return degrees(c.temperature(), t.get("unit.temperature." + units)) + ", "
                + WmoCode.of(c.weatherCode()).describe(t.language()).toLowerCase(t.locale());
    }

    /** One line for an inline result's description: feels like, wind, today's range and chance (plain text). */
    String outlook(Forecast forecast, Units units, Texts t) {
        Forecast.Current c = forecast.current();
        String temp = t.get("unit.temperature." + units);
        StringBuilder out = new StringBuilder().append(t.get("label.feelsLike")).append(' ')
                .append(degrees(c.apparentTemperature(), temp)).append(" · ").append(t.get("label.wind")).append(' ')
                .append(whole(c.windSpeed())).append(' ').append(t.get("unit.wind." + units));
        Forecast.Daily d = forecast.daily();
        int today = todayIndex(d, ZonedDateTime.now(clock).withZoneSameInstant(zone(forecast)).toLocalDate());
        if (today >= 0) {
            out.append(" · ").append(t.get("label.today")).append(' ')
                    .append(range(at(d.temperatureMin(), today), at(d.temperatureMax(), today), temp))
                    .append(", ☔ ").append(percent(at(d.precipitationProbabilityMax(), today)));
        }
        return out.toString();
    }

    /** The /forecast reply: one line per day from today, at most as many days as the forecast holds. */
    String days(String titleHtml, Forecast forecast, int days, Units units, Texts t) {
        Forecast.Daily d = forecast.daily();
        ZoneId zone = zone(forecast);
        int start = Math.max(0, todayIndex(d, ZonedDateTime.now(clock).withZoneSameInstant(zone).toLocalDate()));
        int end = Math.min(d.time().size(), start + days);
        String temp = t.get("unit.temperature." + units);
        String precipitation = t.get("unit.precipitation." + units);
        DateTimeFormatter dayFormat = DateTimeFormatter.ofPattern("EEE d MMM", t.locale());
        StringBuilder out = new StringBuilder()
                .append("<b>").append(titleHtml).append("</b> — ").append(t.get("label.forecastTitle", end - start))
                .append('\n');
        for (int i = start; i < end; i++) {
            WmoCode code = WmoCode.of(at(d.weatherCode(), i));
            out.append("<b>").append(dayLabel(d.time().get(i), dayFormat)).append("</b>: ")
                    .append(range(at(d.temperatureMin(), i), at(d.temperatureMax(), i), temp)).append(", ")
                    .append(code.emoji()).append(' ').append(code.describe(t.language())).append(", ")
                    .append(amount(at(d.precipitationSum(), i), units)).append(' ').append(precipitation)
                    .append(" (").append(percent(at(d.precipitationProbabilityMax(), i))).append(")\n");
        }
        return out.toString().strip();
    }

    private static ZoneId zone(Forecast forecast) {
        try {
            return ZoneId.of(forecast.timezone());
        } catch (DateTimeException | NullPointerException e) {
            return ZoneOffset.ofTotalSeconds(forecast.utcOffsetSeconds());
        }
    }

    private static int todayIndex(Forecast.Daily daily, LocalDate today) {
        List<String> dates = daily.time();
        int index = dates.indexOf(today.toString());
        if (index >= 0) {
            return index;
        }
        return dates.isEmpty() ? -1 : 0;
    }

    private static String dayLabel(String isoDate, DateTimeFormatter format) {
        try {
            return format.format(LocalDate.parse(isoDate));
        } catch (DateTimeParseException | NullPointerException e) {
            return isoDate == null ? MISSING : isoDate;
        }
    }

    private static <T> T at(List<T> values, int index) {
        return values == null || index < 0 || index >= values.size() ? null : values.get(index);
    }

    private static String degrees(Double value, String unit) {
        return value == null ? MISSING : Math.round(value) + " " + unit;
    }

    private static String range(Double min, Double max, String unit) {
        return (min == null ? MISSING : Long.toString(Math.round(min))) + "…"
                + (max == null ? MISSING : Long.toString(Math.round(max))) + " " + unit;
    }

    private static String whole(Double value) {
        return value == null ? MISSING : Long.toString(Math.round(value));
    }

    private static String percent(Integer value) {
        return value == null ? MISSING : value + "%";
    }

    private static String amount(Double value, Units units) {
        if (value == null) {
            return MISSING;
        }
        return String.format(java.util.Locale.ROOT, units == Units.IMPERIAL ? "%.2f" : "%.1f", value);
    }

    /** Where the wind comes from, on an eight-point compass. */
    private static String compass(double degrees, Texts t) {
        String[] points = t.get("compass").split(",");
        int index = (int) Math.round(((degrees % 360) + 360) % 360 / 45.0) % 8;
        return points[index];
    }
}
