package dev.weatheragent.chart;

import dev.weatheragent.weather.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Writes the README's example chart with the real renderer: {@code docs/chart-example.png} (Kyiv, 5 days, metric,
 * English). Run from the project root after {@code mvn test-compile}:
 * {@code java -cp "target/classes:target/test-classes:$(cat cp.txt)" dev.weatheragent.chart.ExampleChart}, with the
 * class path from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class ExampleChart {

    private ExampleChart() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/chart-example.png");
        String zone = "Europe/Kyiv";
        LocalDate today = LocalDate.of(2026, 11, 28);
        Instant now = today.atTime(14, 20).atZone(ZoneId.of(zone)).toInstant();
        ChartData data = ChartData.of(Forecasts.typical(zone, today, 3), 5, Units.METRIC, now);
        ChartLabels labels = new ChartLabels("Kyiv, Kyiv City, Ukraine", "5-day forecast, local time (Europe/Kyiv)",
                "Temperature, °C", "Precipitation, mm", "Chance of precipitation, %", "°C", "mm",
                "No precipitation expected", "now", "Weather data by Open-Meteo.com", Locale.ENGLISH);
        byte[] png = new ForecastChartRenderer().render(data, labels);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, png);
        System.out.println(out + ": " + png.length + " bytes");
    }
}
