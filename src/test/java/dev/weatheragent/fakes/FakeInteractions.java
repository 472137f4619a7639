package dev.weatheragent.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What {@link FakeTelegram} keeps for buttons and inline mode, validated as Telegram does: the messages the bot sent
 * (their text and inline keyboard, so that an edit can be checked against them), the callback queries and inline
 * queries users sent and whether the bot answered them in time, and every edit and answer. A failed check is the
 * error text Telegram gives ({@code Bad Request: ...}); null means the call is accepted.
 */
final class FakeInteractions {

    /** An edit the bot made to one of its messages; {@code plainText} is null for a keyboard-only edit. */
    record Edit(long chatId, long messageId, String text, String plainText, JsonNode replyMarkup, Instant at) {
    }

    /** The answer to a button press: {@code text} is the toast, null for none. */
    record CallbackAnswer(String callbackQueryId, String text, Instant at) {
    }

    /** The answer to an inline query, as sent. */
    record InlineAnswer(String inlineQueryId, JsonNode results, int cacheTime, boolean personal, Instant at) {
    }

    private record Shown(String plainText, JsonNode markup) {
    }

    private record Query(long issuedNanos, boolean inline) {
    }

    static final String NOT_MODIFIED = "Bad Request: message is not modified: specified new message content and"
            + " reply markup are exactly the same as a current content and reply markup of the message";
    static final String QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is"
            + " invalid";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Shown> messages = new HashMap<>();
    private final Map<String, Query> openQueries = new HashMap<>();
    private final Set<String> answeredQueries = new HashSet<>();
    private final List<Edit> edits = new CopyOnWriteArrayList<>();
    private final List<CallbackAnswer> callbackAnswers = new CopyOnWriteArrayList<>();
    private final List<InlineAnswer> inlineAnswers = new CopyOnWriteArrayList<>();
    private Duration callbackWindow = Duration.ofSeconds(15);
    private Duration inlineWindow = Duration.ofSeconds(10);

    /** Telegram's rule for an inline keyboard sent with a message: every callback_data 1-64 bytes. */
    String checkMarkup(JsonNode markup) {
        if (markup == null || markup.isMissingNode()) {
            return null;
        }
        for (JsonNode row : markup.path("inline_keyboard")) {
            for (JsonNode button : row) {
                JsonNode data = button.get("callback_data");
                if (data != null) {
                    int bytes = data.asText().getBytes(StandardCharsets.UTF_8).length;
                    if (bytes < 1 || bytes > 64) {
                        return "Bad Request: BUTTON_DATA_INVALID";
                    }
                }
                if (button.path("text").asText("").isBlank()) {
                    return "Bad Request: text buttons are unallowed in the inline keyboard";
                }
            }
        }
        return null;
    }

    synchronized void sent(long chatId, long messageId, String plainText, JsonNode markup) {
        messages.put(chatId + ":" + messageId, new Shown(plainText, markup == null ? null : markup.deepCopy()));
    }

    /** The keyboard under a message as the user sees it now, or null. */
    synchronized JsonNode keyboard(long chatId, long messageId) {
        Shown shown = messages.get(chatId + ":" + messageId);
        return shown == null ? null : shown.markup();
    }

    /** The text of a message as the user sees it now, or null when there is no such message. */
    synchronized String text(long chatId, long messageId) {
        Shown shown = messages.get(chatId + ":" + messageId);
        return shown == null ? null : shown.plainText();
    }

    /** editMessageText, editMessageReplyMarkup: null {@code plainText} keeps the text. */
    synchronized String edit(long chatId, long messageId, String text, String plainText, JsonNode markup) {
        Shown shown = messages.get(chatId + ":" + messageId);
        if (shown == null) {
            return "Bad Request: message to edit not found";
        }
        String problem = checkMarkup(markup);
        if (problem != null) {
            return problem;
        }
        String newText = plainText == null ? shown.plainText() : plainText;
        JsonNode newMarkup = markup == null || markup.path("inline_keyboard").isEmpty() ? null : markup;
        JsonNode oldMarkup = shown.markup() == null || shown.markup().path("inline_keyboard").isEmpty() ? null
                : shown.markup();
        if (newText.equals(shown.plainText()) && java.util.Objects.equals(newMarkup, oldMarkup)) {
            return NOT_MODIFIED;
        }
        messages.put(chatId + ":" + messageId, new Shown(newText, newMarkup));
        edits.add(new Edit(chatId, messageId, text, plainText, newMarkup, Instant.now()));
        return null;
    }

    /** editMessageMedia: a new picture always changes the message, so only its existence and keyboard count. */
    synchronized String replaceMedia(long chatId, long messageId, String plainCaption, JsonNode markup) {
        if (!messages.containsKey(chatId + ":" + messageId)) {
            return "Bad Request: message to edit not found";
        }
        String problem = checkMarkup(markup);
        if (problem != null) {
            return problem;
        }
        messages.put(chatId + ":" + messageId, new Shown(plainCaption, markup == null ? null : markup.deepCopy()));
        return null;
    }

    synchronized void issued(String queryId, boolean inline) {
        openQueries.put(queryId, new Query(System.nanoTime(), inline));
    }

    synchronized String answerCallback(JsonNode params) {
        String problem = answer(params.path("callback_query_id").asText(), false);
        if (problem != null) {
            return problem;
        }
        String text = params.has("text") ? params.get("text").asText() : null;
        if (text != null && text.length() > 200) {
            return "Bad Request: MESSAGE_TOO_LONG";
        }
        callbackAnswers.add(new CallbackAnswer(params.get("callback_query_id").asText(), text, Instant.now()));
        return null;
    }

    /** answerInlineQuery, with what the spec's field descriptions say beyond the types the spec check covers. */
    synchronized String answerInline(JsonNode params) {
        JsonNode results = params.path("results");
        if (results.size() > 50) {
            return "Bad Request: RESULTS_TOO_MUCH";
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode result : results) {
            String id = result.path("id").asText("");
            int bytes = id.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > 64) {
                return "Bad Request: RESULT_ID_INVALID";
            }
            if (!ids.add(id)) {
                return "Bad Request: RESULT_ID_DUPLICATE";
            }
            if (!"article".equals(result.path("type").asText())) {
                return "Bad Request: RESULT_TYPE_INVALID";
            }
            JsonNode content = result.path("input_message_content");
            String text = content.path("message_text").asText("");
            String plain;
            try {
                plain = "HTML".equals(content.path("parse_mode").asText()) ? TelegramHtml.parse(text) : text;
            } catch (IllegalArgumentException e) {
                return "Bad Request: can't parse entities: " + e.getMessage();
            }
            if (plain.isBlank() || plain.length() > 4096) {
                return "Bad Request: MESSAGE_EMPTY";
            }
            String problem = checkMarkup(result.get("reply_markup"));
            if (problem != null) {
                return problem;
            }
        }
        String problem = answer(params.path("inline_query_id").asText(), true);
        if (problem != null) {
            return problem;
        }
        inlineAnswers.add(new InlineAnswer(params.get("inline_query_id").asText(), results,
                params.path("cache_time").asInt(300), params.path("is_personal").asBoolean(false), Instant.now()));
        return null;
    }

    private String answer(String queryId, boolean inline) {
        Query query = openQueries.get(queryId);
        if (query == null || query.inline() != inline || answeredQueries.contains(queryId)) {
            return QUERY_TOO_OLD;
        }
        Duration window = inline ? inlineWindow : callbackWindow;
        if (System.nanoTime() - query.issuedNanos() > window.toNanos()) {
            return QUERY_TOO_OLD;
        }
        answeredQueries.add(queryId);
        return null;
    }

    synchronized void windows(Duration callback, Duration inline) {
        callbackWindow = callback;
        inlineWindow = inline;
    }

    List<Edit> edits() {
        return List.copyOf(edits);
    }

    List<CallbackAnswer> callbackAnswers() {
        return List.copyOf(callbackAnswers);
    }

    List<InlineAnswer> inlineAnswers() {
        return List.copyOf(inlineAnswers);
    }

    /** A callback_query update's payload for a press on a button of this message. */
    ObjectNode callbackQuery(String id, ObjectNode from, ObjectNode message, String data) {
        ObjectNode query = json.createObjectNode().put("id", id);
        query.set("from", from);
        query.set("message", message);
        query.put("chat_instance", "ci" + message.path("chat").path("id").asLong());
        query.put("data", data);
        return query;
    }

    /** All callback_data of a keyboard, row by row. */
    static List<String> buttonData(JsonNode markup) {
        List<String> data = new ArrayList<>();
        if (markup != null) {
            markup.path("inline_keyboard").forEach(row -> row.forEach(b -> data.add(b.path("callback_data").asText())));
        }
        return data;
    }
}
