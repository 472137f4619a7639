package dev.weatheragent.bot;

import dev.weatheragent.chart.ChartData;
import dev.weatheragent.chart.ChartLabels;
import dev.weatheragent.chart.ChartService;
import dev.weatheragent.chart.ChartUnavailableException;
import dev.weatheragent.telegram.Html;
import dev.weatheragent.weather.Forecast;
import dev.weatheragent.weather.HourlyForecast;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Units;

import java.time.Clock;
import java.util.Set;

/**
 * {@code /chart [place] [days]}: a picture of the hourly temperature and precipitation for 1 to 7 days. A chart
 * that cannot be drawn or sent becomes the text forecast for the same days.
 */
final class ChartCommand implements CommandHandler {

    private static final System.Logger LOG = System.getLogger(ChartCommand.class.getName());
    /** Charts cover the hourly forecast's week. */
    static final int MAX_CHART_DAYS = OpenMeteoClient.HOURLY_DAYS;

    private final OpenMeteoClient weather;
    private final PlaceFinder finder;
    private final WeatherFormatter formatter;
    private final ChartService charts;
    private final Clock clock;
    private final PlaceButtons buttons;

    ChartCommand(OpenMeteoClient weather, PlaceFinder finder, WeatherFormatter formatter, ChartService charts,
                 Clock clock, PlaceButtons buttons) {
        this.weather = weather;
        this.finder = finder;
        this.formatter = formatter;
        this.charts = charts;
        this.clock = clock;
        this.buttons = buttons;
    }

    @Override
    public Set<String> commands() {
        return Set.of("chart");
    }

    @Override
    public String handle(String command, String args, Request r) {
        PlaceAndDays request = PlaceAndDays.parse(args, MAX_CHART_DAYS);
        if (request.badDays() != null) {
            return r.reply(r.t().get("chart.days", request.badDays()));
        }
        return finder.withPlace(request.query(), "chart", "chart.usage", r,
                target -> chartFor(target, request.days(), r));
    }

    /**
     * A chart button's press: draws the chart of {@code target} for {@code days} and replaces the picture the button
     * is under with it; false when it could not be drawn or Telegram did not take it (the picture stays).
     */
    boolean redraw(PlaceFinder.Target target, int days, Request r, Keyboard keyboard) {
        HourlyForecast hourly = weather.hourly(target.latitude(), target.longitude(), r.units());
        try {
            ChartData data = ChartData.of(hourly, days, r.units(), clock.instant());
            byte[] png = charts.render(data, labels(target.title(), data, r.t()));
            return r.out().photo(png, r.t().get("chart.caption", target.title(), data.days().size()), keyboard);
        } catch (IllegalArgumentException | ChartUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "chart for chat " + r.chatId() + " not drawn (" + e.getMessage()
                    + ")");
            return false;
        }
    }

    /**
     * Draws and sends the chart; when it cannot be drawn or Telegram does not take it, answers with the text
     * forecast for the same days instead.
     */
    private String chartFor(PlaceFinder.Target target, int days, Request r) {
        Units units = r.units();
        HourlyForecast hourly = weather.hourly(target.latitude(), target.longitude(), units);
        byte[] png;
        int shownDays;
        try {
            ChartData data = ChartData.of(hourly, days, units, clock.instant());
            png = charts.render(data, labels(target.title(), data, r.t()));
            shownDays = data.days().size();
        } catch (IllegalArgumentException | ChartUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "chart for chat " + r.chatId() + " not drawn ("
                    + e.getMessage() + "); answering with text");
            return asText(target, days, r) ? "chart-failed-text" : "undelivered";
        }
        String caption = r.t().get("chart.caption", target.title(), shownDays);
        PlaceNotes notes = target.notes();
        String withNotes = notes.around(caption);
        boolean notesFit = Html.toPlainText(withNotes).length() <= r.out().captionLimit();
        if (r.out().photo(png, notesFit ? withNotes : caption, buttons.firstChart(r.chatId(), target, days, r.t()))) {
            if (!notesFit) {
                r.out().reply(notes.alone());
            }
            return "chart";
        }
        LOG.log(System.Logger.Level.WARNING, "chart for chat " + r.chatId() + " not delivered; answering with text");
        return asText(target, days, r) ? "chart-undelivered-text" : "undelivered";
    }

    private boolean asText(PlaceFinder.Target target, int days, Request r) {
        Forecast forecast = weather.forecast(target.latitude(), target.longitude(), r.units());
        return r.out().reply(r.t().get("chart.fallback") + "\n\n" + target.notes().around(
                formatter.days(Html.escape(target.title()), forecast, days, r.units(), r.t())));
    }

    private static ChartLabels labels(String title, ChartData data, Texts t) {
        Units units = data.units();
        String temperature = t.get("unit.temperature." + units);
        String precipitation = t.get("unit.precipitation." + units);
        return new ChartLabels(title,
                t.get("chart.image.subtitle", data.days().size(), new Texts.Raw(data.timezone())),
                t.get("chart.image.temperature", new Texts.Raw(temperature)),
                t.get("chart.image.precipitation", new Texts.Raw(precipitation)),
                t.get("chart.image.probability", new Texts.Raw("%")),
                temperature, precipitation, t.get("chart.image.dry"), t.get("chart.image.now"),
                t.get("chart.image.source"), t.locale());
    }
}
