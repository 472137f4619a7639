package dev.weatheragent.chart;

/** No chart this time: drawing failed, took too long, or too many charts are being drawn already. */
public final class ChartUnavailableException extends RuntimeException {

    public ChartUnavailableException(String message) {
        super(message);
    }

    public ChartUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
