package dev.weatheragent.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Telegram Bot API 10.1 specification (methods, types, fields, required flags), read from the copy in the test
 * resources. Checks requests the bot sends and objects the fake sends, so that neither drifts from the real API.
 */
public final class BotApiSpec {

    private final JsonNode methods;
    private final JsonNode types;

    private BotApiSpec(JsonNode root) {
        this.methods = root.get("methods");
        this.types = root.get("types");
    }

    public static BotApiSpec load() {
        try (InputStream in = BotApiSpec.class.getResourceAsStream("/telegram/bot-api-spec.json")) {
            return new BotApiSpec(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Problems with a call of {@code method} with these parameters; empty when the call is valid. */
    public List<String> checkRequest(String method, JsonNode params) {
        List<String> problems = new ArrayList<>();
        JsonNode spec = methods.get(method);
        if (spec == null) {
            problems.add("unknown method " + method);
            return problems;
        }
        checkFields(method, spec.path("fields"), params, problems);
        return problems;
    }

    /** Problems with an object claimed to be of a Bot API type; empty when it fits. */
    public List<String> checkObject(String type, JsonNode value) {
        List<String> problems = new ArrayList<>();
        checkValue(type, List.of(type), value, problems);
        return problems;
    }

    private void checkFields(String where, JsonNode fields, JsonNode object, List<String> problems) {
        if (!object.isObject()) {
            problems.add(where + ": expected an object");
            return;
        }
        for (JsonNode field : fields) {
            if (field.path("required").asBoolean() && !object.has(field.get("name").asText())) {
                problems.add(where + ": missing required " + field.get("name").asText());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode field = find(fields, entry.getKey());
            if (field == null) {
                problems.add(where + ": unknown field " + entry.getKey());
                continue;
            }
            List<String> allowed = new ArrayList<>();
            field.get("types").forEach(t -> allowed.add(t.asText()));
            checkValue(where + "." + entry.getKey(), allowed, entry.getValue(), problems);
        }
    }

    private void checkValue(String where, List<String> allowed, JsonNode value, List<String> problems) {
        List<String> attempts = new ArrayList<>();
        for (String type : allowed) {
            List<String> local = new ArrayList<>();
            checkOne(where, type, value, local);
            if (local.isEmpty()) {
                return;
            }
            attempts.addAll(local);
        }
        problems.add(where + ": does not fit " + allowed + " " + attempts);
    }

    private void checkOne(String where, String type, JsonNode value, List<String> problems) {
        if (type.startsWith("Array of ")) {
            if (!value.isArray()) {
                problems.add(where + ": expected an array");
                return;
            }
            for (JsonNode item : value) {
                checkValue(where + "[]", List.of(type.substring("Array of ".length())), item, problems);
            }
            return;
        }
        switch (type) {
            case "Integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(where + ": expected Integer");
                }
            }
            case "Float" -> {
                if (!value.isNumber()) {
                    problems.add(where + ": expected Float");
                }
            }
            case "String" -> {
                if (!value.isTextual()) {
                    problems.add(where + ": expected String");
                }
            }
            case "Boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": expected Boolean");
                }
            }
            default -> {
                JsonNode spec = types.get(type);
                if (spec == null) {
                    problems.add(where + ": unknown type " + type);
                } else if (spec.has("subtypes")) {
                    List<String> subtypes = new ArrayList<>();
                    spec.get("subtypes").forEach(s -> subtypes.add(s.asText()));
                    checkValue(where, subtypes, value, problems);
                } else {
                    checkFields(where, spec.path("fields"), value, problems);
                }
            }
        }
    }

    private static JsonNode find(JsonNode fields, String name) {
        for (JsonNode field : fields) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        return null;
    }
}
