package dev.weatheragent.logging;

import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** One line per record: time, level, logger, message and its {@link LogFields}, then the stack trace if any. */
final class TextFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128)
                .append(Instant.ofEpochMilli(record.getMillis()))
                .append(' ').append(LogSetup.levelName(record.getLevel()))
                .append(' ').append(LogSetup.shortName(record.getLoggerName()))
                .append(" - ").append(formatMessage(record));
        LogRecords.fields(record).ifPresent(fields -> line.append(' ').append(fields));
        line.append(System.lineSeparator());
        LogRecords.error(record).ifPresent(error -> line.append(LogRecords.stackTrace(error)));
        return line.toString();
    }
}
