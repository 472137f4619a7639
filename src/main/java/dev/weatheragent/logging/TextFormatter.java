package dev.weatheragent.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** One line per record: time, level, logger, message, then the stack trace if any. */
final class TextFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128)
                .append(Instant.ofEpochMilli(record.getMillis()))
                .append(' ').append(LogSetup.levelName(record.getLevel()))
                .append(' ').append(LogSetup.shortName(record.getLoggerName()))
                .append(" - ").append(formatMessage(record))
                .append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }
}
