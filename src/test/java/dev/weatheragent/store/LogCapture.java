package dev.weatheragent.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every java.util.logging record of the named loggers (and their children), at every level, formatted with its
 * stack trace as a handler would write it, while open. The libraries' SLF4J logging lands here too (slf4j-jdk14).
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Map<Logger, Level> levels = new HashMap<>();
    /** Strong references: java.util.logging forgets loggers nobody holds, and with them their level. */
    private final List<Logger> loggers = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    LogCapture(String... loggerNames) {
        setLevel(Level.ALL);
        for (String name : loggerNames) {
            Logger logger = Logger.getLogger(name);
            loggers.add(logger);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.ALL);
            // Captured here only: the console would print every FINE line of the libraries.
            logger.setUseParentHandlers(false);
            logger.addHandler(this);
        }
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(formatter.format(record));
    }

    synchronized String text() {
        return String.join("", lines);
    }

    synchronized int count() {
        return lines.size();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (Logger logger : loggers) {
            logger.removeHandler(this);
            logger.setLevel(levels.get(logger));
            logger.setUseParentHandlers(true);
        }
    }
}
