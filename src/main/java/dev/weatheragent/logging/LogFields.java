package dev.weatheragent.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Named values for one log line, passed as a parameter of the record: {@code LOG.log(INFO, "update handled",
 * LogFields.of("update_id", id).with("chat_id", chat))}. The JSON format writes each as a field of its own, the text
 * format appends them as {@code key=value}. Values are numbers or strings; never put message text or secrets in one.
 */
public record LogFields(Map<String, Object> values) {

    public LogFields {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static LogFields of(String key, Object value) {
        return new LogFields(Map.of()).with(key, value);
    }

    /** These fields and one more, in the order they were added. */
    public LogFields with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(values);
        more.put(key, value);
        return new LogFields(more);
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
