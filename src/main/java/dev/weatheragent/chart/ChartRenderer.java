package dev.weatheragent.chart;

/** Draws a forecast chart as a PNG image. */
@FunctionalInterface
public interface ChartRenderer {

    /**
     * @return the PNG file's bytes
     * @throws RuntimeException (or an AWT error) when it cannot draw; {@link ChartService} turns that into a
     *                          {@link ChartUnavailableException}
     */
    byte[] render(ChartData data, ChartLabels labels);
}
