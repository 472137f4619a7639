package dev.weatheragent.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.logging.LogRecord;

/**
 * What both formatters take from a record besides its message. {@link System.Logger} has no call with both
 * parameters and a throwable, so a throwable among the parameters counts as the record's error.
 */
final class LogRecords {

    private LogRecords() {
    }

    static Optional<LogFields> fields(LogRecord record) {
        return parameters(record, LogFields.class);
    }

    static Optional<Throwable> error(LogRecord record) {
        return record.getThrown() != null ? Optional.of(record.getThrown()) : parameters(record, Throwable.class);
    }

    static String stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** The thread's name; a virtual thread without one is named by its id. */
    static String threadName(Thread thread) {
        return thread.getName().isEmpty() ? "#" + thread.threadId() : thread.getName();
    }

    private static <T> Optional<T> parameters(LogRecord record, Class<T> type) {
        Object[] parameters = record.getParameters();
        if (parameters == null) {
            return Optional.empty();
        }
        for (Object parameter : parameters) {
            if (type.isInstance(parameter)) {
                return Optional.of(type.cast(parameter));
            }
        }
        return Optional.empty();
    }
}
