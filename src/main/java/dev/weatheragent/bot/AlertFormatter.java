package dev.weatheragent.bot;

import dev.weatheragent.weather.Units;
import dev.weatheragent.weather.WeatherSpell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The alert message for one spell: what, where, from when (or "now") until when, and how much. */
public final class AlertFormatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /**
     * @param labelHtml the place's name, already escaped
     * @param zone      the place's time zone, for the times in the message
     */
    public String format(String labelHtml, WeatherSpell spell, ZoneId zone, Units units, Texts t) {
        Texts.Raw place = new Texts.Raw(labelHtml);
        String when = spell.ongoing() ? t.get("alert.when.now")
                : t.get("alert.when.from", TIME.format(spell.start().atZone(zone)));
        String until = TIME.format(spell.end().atZone(zone));
        String line = switch (spell.kind()) {
            case PRECIPITATION -> t.get(switch (spell.precipitation()) {
                case SNOW -> "alert.snow";
                case FREEZING_RAIN -> "alert.freezingRain";
                case RAIN -> "alert.rain";
            }, place, when, amount(spell.value(), units), t.get("unit.precipitation." + units), until);
            case THUNDERSTORM -> t.get("alert.thunderstorm", place, when, until);
            case GUSTS -> t.get("alert.gusts", Math.round(spell.value()), t.get("unit.wind." + units), place, when,
                    until);
            case FROST -> t.get("alert.frost", place, when, Math.round(spell.value()),
                    t.get("unit.temperature." + units));
            case HEAT -> t.get("alert.heat", place, when, Math.round(spell.value()),
                    t.get("unit.temperature." + units));
        };
        return line + "\n\n" + t.get("alert.footer");
    }

    private static String amount(double value, Units units) {
        return String.format(Locale.ROOT, units == Units.IMPERIAL ? "%.2f" : "%.1f", value);
    }
}
