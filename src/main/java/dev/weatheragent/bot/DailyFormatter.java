package dev.weatheragent.bot;

import dev.weatheragent.weather.DayForecast;
import dev.weatheragent.weather.Units;
import dev.weatheragent.weather.WmoCode;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The daily forecast message: today's range, condition, precipitation with the hours it is expected, the strongest
 * wind, and the change since yesterday when it is large enough to plan for. One fact per line, like the replies.
 */
public final class DailyFormatter {

    private static final String MISSING = "—";
    /** A change of the day's high worth a line: about what makes people dress differently. */
    private static final double NOTABLE_CHANGE_C = 5;
    /** Hours count as wet from this chance of precipitation, or with any amount expected. */
    private static final int WET_CHANCE = 50;
    /** More separate wet spells than this read as "on and off"; the first ones are listed. */
    private static final int MAX_SPELLS = 3;

    /**
     * @param labelHtml the place's name, already escaped
     * @param date      the local date the forecast is for (today at the place)
     */
    public String format(String labelHtml, DayForecast forecast, LocalDate date, Units units, Texts t) {
        DayForecast.Days d = forecast.daily();
        int today = d.time().indexOf(date.toString());
        if (today < 0) {
            today = d.time().size() - 1;
        }
        String temp = t.get("unit.temperature." + units);
        WmoCode code = WmoCode.of(at(d.weatherCode(), today));
        StringBuilder out = new StringBuilder()
                .append(t.get("daily.title", new Texts.Raw(labelHtml),
                        DateTimeFormatter.ofPattern("EEE d MMM", t.locale()).format(date))).append('\n')
                .append(code.emoji()).append(' ').append(code.describe(t.language())).append(", ")
                .append(whole(at(d.temperatureMin(), today))).append('…').append(whole(at(d.temperatureMax(), today)))
                .append(' ').append(temp).append('\n');
        List<String> spells = wetSpells(forecast.hourly(), date);
        Double amount = at(d.precipitationSum(), today);
        if (spells.isEmpty() && (amount == null || amount == 0)) {
            out.append(t.get("daily.dry"));
        } else {
            out.append(t.get("daily.precipitation", amount(amount, units), t.get("unit.precipitation." + units),
                    percent(at(d.precipitationProbabilityMax(), today))));
            if (!spells.isEmpty()) {
                out.append(", ").append(t.get("daily.hours", String.join(", ", spells)));
            }
        }
        out.append('\n').append(t.get("daily.wind", whole(at(d.windSpeedMax(), today)),
                t.get("unit.wind." + units))).append('\n');
        change(d, today, units, temp, t).ifPresent(line -> out.append(line).append('\n'));
        return out.append('\n').append(t.get("daily.footer")).toString();
    }

    private static Optional<String> change(DayForecast.Days d, int today, Units units, String temp,
                                                     Texts t) {
        Double now = at(d.temperatureMax(), today);
        Double before = at(d.temperatureMax(), today - 1);
        if (now == null || before == null) {
            return Optional.empty();
        }
        double delta = now - before;
        double celsius = units == Units.IMPERIAL ? delta * 5 / 9 : delta;
        if (Math.abs(celsius) < NOTABLE_CHANGE_C) {
            return Optional.empty();
        }
        return Optional.of(t.get(delta < 0 ? "daily.colder" : "daily.warmer", Math.round(Math.abs(delta)),
                temp));
    }

    /** Today's wet hours as spans like "06:00–09:00". */
    private static List<String> wetSpells(DayForecast.Hours h, LocalDate date) {
        List<String> spells = new ArrayList<>();
        String prefix = date + "T";
        int start = -1;
        int last = -1;
        for (int i = 0; i < h.time().size(); i++) {
            String time = h.time().get(i);
            if (!time.startsWith(prefix)) {
                continue;
            }
            int hour = Integer.parseInt(time.substring(prefix.length(), prefix.length() + 2));
            Double amount = at(h.precipitation(), i);
            Integer chance = at(h.precipitationProbability(), i);
            boolean wet = amount != null && amount > 0 || chance != null && chance >= WET_CHANCE;
            if (wet && start < 0) {
                start = hour;
            }
            if (!wet && start >= 0) {
                spells.add(span(start, last + 1));
                start = -1;
            }
            last = hour;
        }
        if (start >= 0) {
            spells.add(span(start, last + 1));
        }
        return spells.size() > MAX_SPELLS ? spells.subList(0, MAX_SPELLS) : spells;
    }

    private static String span(int from, int to) {
        return String.format(Locale.ROOT, "%02d:00–%02d:00", from, to);
    }

    private static <T> T at(List<T> values, int index) {
        return values == null || index < 0 || index >= values.size() ? null : values.get(index);
    }

    private static String whole(Double value) {
        return value == null ? MISSING : Long.toString(Math.round(value));
    }

    private static String percent(Integer value) {
        return value == null ? MISSING : value + "%";
    }

    private static String amount(Double value, Units units) {
        return value == null ? MISSING
                : String.format(Locale.ROOT, units == Units.IMPERIAL ? "%.2f" : "%.1f", value);
    }
}
