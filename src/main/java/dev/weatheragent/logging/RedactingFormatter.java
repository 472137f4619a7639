package dev.weatheragent.logging;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** Formats with a delegate, then masks secrets in the whole output, stack traces included. */
final class RedactingFormatter extends Formatter {

    private final Formatter delegate;
    private final Redactor redactor;

    RedactingFormatter(Formatter delegate, Redactor redactor) {
        this.delegate = delegate;
        this.redactor = redactor;
    }

    @Override
    public String format(LogRecord record) {
        return redactor.redact(delegate.format(record));
    }
}
