package dev.weatheragent.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weatheragent.fakes.FakeHttpServer.Action;
import dev.weatheragent.fakes.FakeHttpServer.Request;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake OpenAI chat-completions endpoint ({@code POST /v1/chat/completions}, no streaming) on 127.0.0.1, speaking
 * the real wire format: bearer authentication, {@code messages} with {@code tool_calls} and {@code tool} results,
 * {@code choices[].message.tool_calls[].function.arguments} as a JSON string, {@code usage}, and the real error
 * envelope ({@code {"error":{"message","type","code"}}}) for 401, 429 and 500.
 * <p>
 * Its "model" is a small deterministic script that behaves like a tool-calling model on weather questions: it looks
 * for a known place in the user's message and calls {@code findPlaces}; with one plausible candidate it calls
 * {@code dailyForecast} (or {@code hourlyForecast} for "tonight", {@code airQuality} for "air"); with several it asks
 * which one; with a weather result it answers in Markdown. Non-weather requests are declined. A test can override
 * the next answers with fixed content or failures.
 * <p>
 * Like a real model, it knows the date only from the system prompt ("The current time is … (UTC)") and resolves
 * "tonight" in the place's own time zone from the {@code findPlaces} result, so it follows whatever clock the bot
 * uses.
 */
public final class FakeOpenAi implements AutoCloseable {

    public static final String API_KEY = "sk-test-fake-openai-key-0123456789abcdef";
    private static final List<String> KNOWN_PLACES = List.of("Lviv", "Kyiv", "Paris", "Apia");
    private static final Pattern PROMPT_TIME = Pattern.compile("current time is (\\S+) \\(UTC\\)");

    private final ObjectMapper json = new ObjectMapper();
    private final FakeHttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Deque<Action> overrides = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeOpenAi() throws IOException {
        this.server = new FakeHttpServer(this::handle);
    }

    /** The base URL to configure, like {@code http://127.0.0.1:PORT/v1}. */
    public URI baseUrl() {
        return server.uri("/v1");
    }

    /** The next chat-completion requests get these actions instead of the script's answers. */
    public synchronized void override(Action... actions) {
        overrides.addAll(List.of(actions));
    }

    /** A plain assistant answer with this content. */
    public Action answer(String content) {
        ObjectNode message = json.createObjectNode().put("role", "assistant").put("content", content);
        return FakeHttpServer.json(200, completion("fake-model", message, "stop", 100).toString());
    }

    /** The OpenAI error envelope with this HTTP status. */
    public static Action error(int status, String type, String code, String message) {
        return FakeHttpServer.json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type
                + "\",\"param\":null,\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}");
    }

    /** Every chat-completion request body received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private Action handle(Request request) {
        if (!request.method().equals("POST") || !request.path().equals("/v1/chat/completions")) {
            return error(404, "invalid_request_error", null, "Unknown request URL: " + request.path());
        }
        String auth = request.headers().getOrDefault("authorization", "");
        authorizations.add(auth);
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            return error(400, "invalid_request_error", null, "We could not parse the JSON body of your request.");
        }
        requests.add(body);
        if (!auth.equals("Bearer " + API_KEY)) {
            return error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.");
        }
        if (!body.path("messages").isArray() || body.path("model").asText().isEmpty()) {
            return error(400, "invalid_request_error", null, "'messages' and 'model' are required");
        }
        synchronized (this) {
            if (!overrides.isEmpty()) {
                return overrides.poll();
            }
        }
        return FakeHttpServer.json(200, script(body).toString());
    }

    /** The deterministic "model". */
    private ObjectNode script(JsonNode request) {
        String model = request.path("model").asText();
        int promptTokens = request.toString().length() / 4;
        JsonNode messages = request.get("messages");
        JsonNode last = messages.get(messages.size() - 1);
        String userText = lastUserText(messages);
        String lower = userText.toLowerCase(Locale.ROOT);
        if (last.path("role").asText().equals("tool")) {
            String toolName = toolNameOf(messages, last.path("tool_call_id").asText());
            JsonNode result = parse(last.path("content").asText());
            if (result.has("error")) {
                return text(model, "Sorry, " + result.get("error").asText(), promptTokens);
            }
            if (toolName.equals("findPlaces")) {
                JsonNode candidates = result.path("candidates");
                if (candidates.isEmpty()) {
                    return text(model, "I could not find that place. Which town do you mean?", promptTokens);
                }
                boolean qualified = userText.contains(",");
                if (candidates.size() > 1 && !qualified) {
                    StringBuilder question = new StringBuilder("Which " + candidates.get(0).get("name").asText()
                            + " do you mean:");
                    for (JsonNode c : candidates) {
                        question.append(" ").append(c.get("name").asText()).append(", ").append(c.get("country").asText())
                                .append(";");
                    }
                    return text(model, question.toString(), promptTokens);
                }
                JsonNode place = candidates.get(0);
                ObjectNode args = json.createObjectNode().put("latitude", place.get("latitude").asDouble())
                        .put("longitude", place.get("longitude").asDouble());
                if (lower.contains("air")) {
                    return toolCall(model, "airQuality", args, promptTokens);
                }
                if (lower.contains("tonight")) {
                    Instant now = promptTime(messages);
                    if (now == null) {
                        return text(model, "I do not know what time it is: the system prompt has no current time.",
                                promptTokens);
                    }
                    LocalDate today = LocalDate.ofInstant(now, ZoneId.of(place.get("timezone").asText()));
                    args.put("date", today.toString()).put("fromHour", 18).put("toHour", 23);
                    return toolCall(model, "hourlyForecast", args, promptTokens);
                }
                args.put("days", 2);
                return toolCall(model, "dailyForecast", args, promptTokens);
            }
            String place = knownPlace(userText);
            return text(model, "**" + place + "**: here is what the forecast says (temperatures < 30 °C & rising):\n"
                    + "- " + summary(result), promptTokens);
        }
        String place = knownPlace(userText);
        if (place == null) {
            if (lower.contains("remember")) {
                long users = 0;
                for (JsonNode m : messages) {
                    users += m.path("role").asText().equals("user") ? 1 : 0;
                }
                return text(model, "I see " + users + " messages from you in this chat.", promptTokens);
            }
            return text(model, "Sorry, I can only help with the weather.", promptTokens);
        }
        return toolCall(model, "findPlaces", json.createObjectNode().put("name", place).put("language", "en"),
                promptTokens);
    }

    private String summary(JsonNode result) {
        if (result.has("days")) {
            JsonNode day = result.get("days").get(result.get("days").size() - 1);
            return day.get("date").asText() + " " + day.get("condition").asText() + ", up to "
                    + day.get("max").asText() + ", precipitation chance " + day.get("precipitation_chance").asText();
        }
        if (result.has("hours")) {
            JsonNode hour = result.get("hours").get(0);
            return "tonight from " + hour.get("time").asText() + ": " + hour.get("temperature").asText()
                    + ", precipitation chance " + hour.get("precipitation_chance").asText();
        }
        if (result.has("european_aqi")) {
            return "European AQI " + result.get("european_aqi").asText() + ", UV index " + result.get("uv_index").asText();
        }
        return result.toString();
    }

    /** The current time the system prompt states, or null. */
    private static Instant promptTime(JsonNode messages) {
        for (JsonNode m : messages) {
            if (m.path("role").asText().equals("system")) {
                Matcher time = PROMPT_TIME.matcher(m.path("content").asText());
                if (time.find()) {
                    return Instant.parse(time.group(1));
                }
            }
        }
        return null;
    }

    private static String knownPlace(String text) {
        for (String place : KNOWN_PLACES) {
            if (text.contains(place)) {
                return place;
            }
        }
        return null;
    }

    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("role").asText().equals("user")) {
                JsonNode content = messages.get(i).get("content");
                return content.isTextual() ? content.asText() : content.toString();
            }
        }
        return "";
    }

    private static String toolNameOf(JsonNode messages, String callId) {
        for (JsonNode m : messages) {
            for (JsonNode call : m.path("tool_calls")) {
                if (call.path("id").asText().equals(callId)) {
                    return call.path("function").path("name").asText();
                }
            }
        }
        return "";
    }

    private JsonNode parse(String content) {
        try {
            return json.readTree(content);
        } catch (IOException e) {
            return json.createObjectNode().put("error", "tool result is not JSON");
        }
    }

    private ObjectNode text(String model, String content, int promptTokens) {
        ObjectNode message = json.createObjectNode().put("role", "assistant").put("content", content);
        return completion(model, message, "stop", promptTokens);
    }

    private ObjectNode toolCall(String model, String name, ObjectNode arguments, int promptTokens) {
        ObjectNode message = json.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ArrayNode calls = message.putArray("tool_calls");
        calls.addObject().put("id", "call_" + ids.incrementAndGet()).put("type", "function")
                .putObject("function").put("name", name).put("arguments", arguments.toString());
        return completion(model, message, "tool_calls", promptTokens);
    }

    private ObjectNode completion(String model, ObjectNode message, String finishReason, int promptTokens) {
        ObjectNode body = json.createObjectNode().put("id", "chatcmpl-" + ids.incrementAndGet())
                .put("object", "chat.completion").put("created", Instant.now().getEpochSecond()).put("model", model);
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finishReason);
        body.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", 20)
                .put("total_tokens", promptTokens + 20);
        return body;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
