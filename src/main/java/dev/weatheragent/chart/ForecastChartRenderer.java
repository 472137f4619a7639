package dev.weatheragent.chart;

import dev.weatheragent.weather.Units;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickMarkPosition;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;

/**
 * The forecast chart with JFreeChart, headless: a title (the place), the hourly temperature as a line with each day's
 * highest and lowest value written on it, and below it the hourly precipitation as bars over the chance of
 * precipitation as a shaded area; day names under the place's local days, a line at midnight and at "now", the unit
 * system the chat chose, and the attribution. Sized and lettered for a phone (1200×700, 20+ px text) in the Okabe–Ito
 * palette, which stays distinguishable with every common colour-vision deficiency, and every series also differs in
 * form (line, bar, area), not only in colour.
 *
 * <p>Times are placed by the place's wall clock (each local hour at its own slot, local midnights at day boundaries),
 * so a chart reads the same wherever the server runs. Instances are stateless and may be shared between threads.
 */
public final class ForecastChartRenderer implements ChartRenderer {

    static {
        // Before any AWT class loads: no display and no toolkit, Java2D draws into memory only.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // PNGs are encoded in memory; the default would buffer through files in java.io.tmpdir.
        ImageIO.setUseCache(false);
    }

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 700;

    /** Okabe–Ito vermillion. */
    static final Color TEMPERATURE = new Color(0xD5, 0x5E, 0x00);
    /** Okabe–Ito blue. */
    static final Color PRECIPITATION = new Color(0x00, 0x72, 0xB2);
    /** Okabe–Ito sky blue, translucent so the bars and grid show through. */
    static final Color PROBABILITY = new Color(0x56, 0xB4, 0xE9, 0x73);
    private static final Color PROBABILITY_EDGE = new Color(0x56, 0xB4, 0xE9);
    private static final Color TEXT = new Color(0x1A, 0x1A, 0x1A);
    private static final Color SECONDARY_TEXT = new Color(0x4D, 0x4D, 0x4D);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Color MIDNIGHT = new Color(0x80, 0x80, 0x80);

    /** A logical font: DejaVu Sans through fontconfig on Debian (fonts-dejavu-core), with Cyrillic. */
    private static final String FAMILY = Font.SANS_SERIF;
    private static final Font TITLE = new Font(FAMILY, Font.BOLD, 36);
    private static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 22);
    private static final Font TICKS = new Font(FAMILY, Font.PLAIN, 22);
    private static final Font DAYS = new Font(FAMILY, Font.BOLD, 22);
    private static final Font AXIS = new Font(FAMILY, Font.PLAIN, 20);
    private static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 22);
    private static final Font EXTREMES = new Font(FAMILY, Font.BOLD, 22);
    private static final Font NOTE = new Font(FAMILY, Font.ITALIC, 22);
    private static final Font SOURCE = new Font(FAMILY, Font.PLAIN, 16);

    private static final TimeZone WALL_CLOCK = TimeZone.getTimeZone("UTC");
    private static final long HOUR = 3_600_000L;
    private static final int MAX_TITLE = 80;

    private final int width;
    private final int height;

    public ForecastChartRenderer() {
        this(WIDTH, HEIGHT);
    }

    ForecastChartRenderer(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public byte[] render(ChartData data, ChartLabels labels) {
        JFreeChart chart = chart(data, labels);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(96 * 1024);
        try {
            if (!ImageIO.write(image, "png", png)) {
                throw new IllegalStateException("no PNG writer in this runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private JFreeChart chart(ChartData data, ChartLabels labels) {
        DateAxis time = new DateAxis(null, WALL_CLOCK, labels.locale());
        time.setRange(millis(data.start()), millis(data.end()));
        // "Sat 28 Nov" fits up to five days across 1200 pixels; a week gets "Sat 28".
        SimpleDateFormat dayFormat = new SimpleDateFormat(data.days().size() > 5 ? "EEE d" : "EEE d MMM",
                labels.locale());
        dayFormat.setTimeZone(WALL_CLOCK);
        time.setTickUnit(new DateTickUnit(DateTickUnitType.DAY, 1, dayFormat));
        // Each day's name in the middle of its day; midnights get lines of their own.
        time.setTickMarkPosition(DateTickMarkPosition.MIDDLE);
        time.setTickMarksVisible(false);
        time.setTickLabelFont(DAYS);
        time.setTickLabelPaint(TEXT);
        time.setAxisLineVisible(false);

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(24);
        plot.add(temperaturePlot(data, labels), 3);
        plot.add(precipitationPlot(data, labels), 2);
        for (XYPlot sub : plot.getSubplots()) {
            dayMarkers(sub, data);
        }
        nowMarker(plot.getSubplots(), data, labels);

        JFreeChart chart = new JFreeChart(null, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(12, 16, 8, 16));
        chart.setTextAntiAlias(true);
        chart.setAntiAlias(true);
        TextTitle title = new TextTitle(abbreviate(labels.title()), TITLE);
        title.setPaint(TEXT);
        chart.setTitle(title);
        TextTitle subtitle = new TextTitle(labels.subtitle(), SUBTITLE);
        subtitle.setPaint(SECONDARY_TEXT);
        subtitle.setPadding(new RectangleInsets(2, 0, 6, 0));
        chart.addSubtitle(0, subtitle);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(LEGEND);
        legend.setItemPaint(TEXT);
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemLabelPadding(new RectangleInsets(2, 6, 2, 24));
        TextTitle source = new TextTitle(labels.source(), SOURCE);
        source.setPaint(SECONDARY_TEXT);
        source.setPosition(RectangleEdge.BOTTOM);
        source.setHorizontalAlignment(HorizontalAlignment.RIGHT);
        // The first bottom title sits lowest: the attribution under the legend.
        chart.addSubtitle(0, source);
        return chart;
    }

    private XYPlot temperaturePlot(ChartData data, ChartLabels labels) {
        XYSeries series = new XYSeries(labels.temperature(), true, true);
        for (ChartData.Hour hour : data.hours()) {
            // A null leaves a gap in the line, as a missing value should.
            series.add(Double.valueOf(millis(hour.time())), hour.temperature());
        }
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, TEMPERATURE);
        line.setSeriesStroke(0, new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        line.setDefaultLegendShape(new Rectangle2D.Double(-14, -3, 28, 6));

        double[] range = temperatureRange(data);
        NumberAxis axis = new NumberAxis(labels.temperatureUnit());
        style(axis);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(labels.locale()));
        axis.setRange(range[0], range[1]);

        XYPlot plot = new XYPlot(new XYSeriesCollection(series), null, axis, line);
        style(plot);
        double freezing = data.units() == Units.IMPERIAL ? 32 : 0;
        if (freezing > range[0] && freezing < range[1]) {
            ValueMarker zero = new ValueMarker(freezing, PRECIPITATION, dashed(2f));
            plot.addRangeMarker(zero, Layer.BACKGROUND);
        }
        extremes(plot, data, labels, (range[1] - range[0]) * 0.025);
        return plot;
    }

    /** Each day's highest and lowest temperature, written above and below the line where they occur. */
    private static void extremes(XYPlot plot, ChartData data, ChartLabels labels, double offset) {
        for (LocalDate day : data.days()) {
            List<ChartData.Hour> hours = data.hours().stream()
                    .filter(h -> h.time().toLocalDate().equals(day) && h.temperature() != null).toList();
            if (hours.isEmpty()) {
                continue;
            }
            ChartData.Hour max = hours.getFirst();
            ChartData.Hour min = hours.getFirst();
            for (ChartData.Hour h : hours) {
                max = h.temperature() > max.temperature() ? h : max;
                min = h.temperature() < min.temperature() ? h : min;
            }
            plot.addAnnotation(extreme(max, offset, TextAnchor.BOTTOM_CENTER, labels));
            if (min != max && Math.round(min.temperature()) != Math.round(max.temperature())) {
                plot.addAnnotation(extreme(min, -offset, TextAnchor.TOP_CENTER, labels));
            }
        }
    }

    private static XYTextAnnotation extreme(ChartData.Hour hour, double offset, TextAnchor anchor,
                                            ChartLabels labels) {
        // Keep the label well inside its day: a peak at 23:00 and the next day's at 00:00 would otherwise collide.
        long x = Math.clamp(millis(hour.time()), millis(hour.time().toLocalDate().atTime(5, 0)),
                millis(hour.time().toLocalDate().atTime(19, 0)));
        XYTextAnnotation text = new XYTextAnnotation(Math.round(hour.temperature()) + "°", x,
                hour.temperature() + offset);
        text.setFont(EXTREMES);
        text.setPaint(TEXT);
        text.setTextAnchor(anchor);
        text.setBackgroundPaint(new Color(255, 255, 255, 200));
        return text;
    }

    private static double[] temperatureRange(ChartData data) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ChartData.Hour h : data.hours()) {
            if (h.temperature() != null) {
                min = Math.min(min, h.temperature());
                max = Math.max(max, h.temperature());
            }
        }
        if (min > max) {
            return new double[] {0, 10};
        }
        double minimumSpan = data.units() == Units.IMPERIAL ? 10 : 6;
        if (max - min < minimumSpan) {
            double middle = (max + min) / 2;
            min = middle - minimumSpan / 2;
            max = middle + minimumSpan / 2;
        }
        double span = max - min;
        // Room above and below the line for the day's extremes.
        return new double[] {Math.floor(min - span * 0.22), Math.ceil(max + span * 0.22)};
    }

    private XYPlot precipitationPlot(ChartData data, ChartLabels labels) {
        XYSeries amount = new XYSeries(labels.precipitation(), true, true);
        XYSeries chance = new XYSeries(labels.probability(), true, true);
        double most = 0;
        int likeliest = 0;
        for (ChartData.Hour hour : data.hours()) {
            // Open-Meteo's amount is the preceding hour's sum: the bar covers the hour before its time stamp.
            double x = millis(hour.time()) - HOUR / 2.0;
            amount.add(Double.valueOf(x), hour.precipitation());
            chance.add(Double.valueOf(millis(hour.time())), hour.probability());
            most = Math.max(most, hour.precipitation() == null ? 0 : hour.precipitation());
            likeliest = Math.max(likeliest, hour.probability() == null ? 0 : hour.probability());
        }
        XYSeriesCollection bars = new XYSeriesCollection(amount);
        bars.setIntervalWidth(HOUR * 0.8);
        XYBarRenderer barRenderer = new XYBarRenderer();
        barRenderer.setBarPainter(new StandardXYBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setDrawBarOutline(false);
        barRenderer.setSeriesPaint(0, PRECIPITATION);

        boolean imperial = data.units() == Units.IMPERIAL;
        NumberAxis amountAxis = new NumberAxis(labels.precipitationUnit());
        style(amountAxis);
        amountAxis.setStandardTickUnits(NumberAxis.createStandardTickUnits(labels.locale()));
        // All-dry still gets a sensible scale (and 300 mm a tall one): at least 1 mm or 0.04 inch.
        amountAxis.setRange(0, Math.max(most * 1.1, imperial ? 0.04 : 1.0));

        XYPlot plot = new XYPlot(bars, null, amountAxis, barRenderer);
        style(plot);

        NumberAxis chanceAxis = new NumberAxis("%");
        style(chanceAxis);
        chanceAxis.setRange(0, 100);
        chanceAxis.setTickUnit(new NumberTickUnit(50, new DecimalFormat("0", DecimalFormatSymbols.getInstance(
                labels.locale()))));
        XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
        area.setSeriesPaint(0, PROBABILITY);
        area.setOutline(true);
        area.setSeriesOutlinePaint(0, PROBABILITY_EDGE);
        area.setSeriesOutlineStroke(0, new BasicStroke(2f));
        plot.setRangeAxis(1, chanceAxis);
        plot.setDataset(1, new XYSeriesCollection(chance));
        plot.setRenderer(1, area);
        plot.mapDatasetToRangeAxis(1, 1);
        // The bars (dataset 0) in front of the area.
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);

        if (most == 0 && likeliest <= 10) {
            XYTextAnnotation dry = new XYTextAnnotation(labels.dry(),
                    (millis(data.start()) + millis(data.end())) / 2.0, amountAxis.getUpperBound() / 2);
            dry.setFont(NOTE);
            dry.setPaint(SECONDARY_TEXT);
            plot.addAnnotation(dry);
        }
        return plot;
    }

    private static void dayMarkers(XYPlot plot, ChartData data) {
        boolean fewDays = data.days().size() <= 3;
        for (LocalDateTime t = data.start(); t.isBefore(data.end()); t = t.plusHours(6)) {
            if (t.getHour() == 0 && !t.equals(data.start())) {
                plot.addDomainMarker(new ValueMarker(millis(t), MIDNIGHT, new BasicStroke(2f)), Layer.BACKGROUND);
            } else if (t.getHour() != 0 && fewDays) {
                plot.addDomainMarker(new ValueMarker(millis(t), GRID, dashed(1.5f)), Layer.BACKGROUND);
            }
        }
    }

    private static void nowMarker(List<XYPlot> plots, ChartData data, ChartLabels labels) {
        LocalDateTime now = data.localNow();
        if (now.isBefore(data.start()) || !now.isBefore(data.end())) {
            return;
        }
        for (XYPlot plot : plots) {
            ValueMarker marker = new ValueMarker(millis(now), TEXT, dashed(2f));
            // Labelled in the lower panel: the upper one has the day's highest values near its top.
            if (plot == plots.getLast()) {
                marker.setLabel(labels.now());
                marker.setLabelFont(AXIS);
                marker.setLabelPaint(TEXT);
                marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                marker.setLabelOffset(new RectangleInsets(4, 6, 4, 6));
                marker.setLabelBackgroundColor(new Color(255, 255, 255, 220));
            }
            plot.addDomainMarker(marker, Layer.FOREGROUND);
        }
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1.2f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    }

    private static void style(ValueAxis axis) {
        axis.setTickLabelFont(TICKS);
        axis.setTickLabelPaint(TEXT);
        axis.setLabelFont(AXIS);
        axis.setLabelPaint(SECONDARY_TEXT);
        axis.setAxisLineVisible(false);
        axis.setTickMarksVisible(false);
    }

    private static Stroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f);
    }

    private static String abbreviate(String title) {
        String t = Objects.requireNonNullElse(title, "");
        return t.length() > MAX_TITLE ? t.substring(0, MAX_TITLE - 1) + "…" : t;
    }

    /** A local wall-clock time as a position on the time axis (which therefore runs in UTC). */
    static long millis(LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
