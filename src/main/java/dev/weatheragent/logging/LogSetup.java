package dev.weatheragent.logging;

import dev.weatheragent.config.LogFormat;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Routes every JUL record (ours, Helidon's and, through slf4j-jdk14, other libraries') to one stderr handler whose
 * formatter masks secrets. Done once at start-up, before anything can log a token.
 */
public final class LogSetup {

    private LogSetup() {
    }

    /** Replaces the root handlers with one redacting stderr handler of the given level and format. */
    public static void configure(Level level, LogFormat format, Redactor redactor) {
        LogManager.getLogManager().reset();
        Formatter base = format == LogFormat.JSON ? new JsonFormatter(redactor) : new TextFormatter();
        Handler handler = new ConsoleHandler();
        handler.setLevel(level);
        handler.setFormatter(new RedactingFormatter(base, redactor));
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        root.addHandler(handler);
    }

    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    static String shortName(String loggerName) {
        if (loggerName == null) {
            return "-";
        }
        int dot = loggerName.lastIndexOf('.');
        return dot < 0 ? loggerName : loggerName.substring(dot + 1);
    }
}
