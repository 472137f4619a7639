package dev.weatheragent.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** One JSON object per line with {@code time}, {@code level}, {@code logger}, {@code message} and {@code error}. */
final class JsonFormatter extends Formatter {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String format(LogRecord record) {
        ObjectNode node = mapper.createObjectNode()
                .put("time", Instant.ofEpochMilli(record.getMillis()).toString())
                .put("level", LogSetup.levelName(record.getLevel()))
                .put("logger", record.getLoggerName())
                .put("thread", Thread.currentThread().getName())
                .put("message", formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            node.put("error", trace.toString());
        }
        try {
            return mapper.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            return "{\"level\":\"ERROR\",\"message\":\"unserializable log record\"}" + System.lineSeparator();
        }
    }
}
