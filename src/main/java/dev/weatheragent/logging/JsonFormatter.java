package dev.weatheragent.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code ts}, {@code level}, {@code logger}, {@code thread}, {@code message}, the record's
 * {@link LogFields} as fields of their own, and for a throwable {@code error.type}, {@code error.message} and
 * {@code error.stack_trace}. Every string is masked before it is written: masking the finished line would miss a
 * secret that JSON escaping changed.
 */
final class JsonFormatter extends Formatter {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Redactor redactor;

    JsonFormatter(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public String format(LogRecord record) {
        ObjectNode node = mapper.createObjectNode()
                .put("ts", Instant.ofEpochMilli(record.getMillis()).toString())
                .put("level", LogSetup.levelName(record.getLevel()))
                .put("logger", record.getLoggerName())
                .put("thread", redactor.redact(LogRecords.threadName(Thread.currentThread())))
                .put("message", redactor.redact(formatMessage(record)));
        LogRecords.fields(record).ifPresent(fields -> {
            for (Map.Entry<String, Object> field : fields.values().entrySet()) {
                Object value = field.getValue();
                if (value == null) {
                    node.putNull(field.getKey());
                } else if (value instanceof Number number) {
                    node.putPOJO(field.getKey(), number);
                } else {
                    node.put(field.getKey(), redactor.redact(String.valueOf(value)));
                }
            }
        });
        LogRecords.error(record).ifPresent(error -> node.putObject("error")
                .put("type", error.getClass().getName())
                .put("message", redactor.redact(error.getMessage()))
                .put("stack_trace", redactor.redact(LogRecords.stackTrace(error))));
        try {
            return mapper.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            return "{\"level\":\"ERROR\",\"message\":\"unserializable log record\"}" + System.lineSeparator();
        }
    }
}
