package dev.weatheragent.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every log record that reaches the root logger while open (ours, Helidon's, fabric8's via SLF4J). */
final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        setLevel(Level.ALL);
        Logger.getLogger("").addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** "LEVEL logger: message" of the records at or above {@code level} from loggers under these prefixes. */
    List<String> lines(Level level, String... loggerPrefixes) {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= level.intValue())
                .filter(r -> loggerPrefixes.length == 0 || List.of(loggerPrefixes).stream()
                        .anyMatch(p -> r.getLoggerName() != null && r.getLoggerName().startsWith(p)))
                .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"))
                .toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
