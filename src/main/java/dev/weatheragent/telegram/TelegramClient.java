package dev.weatheragent.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.metrics.CallResult;
import dev.weatheragent.telegram.TelegramTypes.AnswerCallbackQuery;
import dev.weatheragent.telegram.TelegramTypes.AnswerInlineQuery;
import dev.weatheragent.telegram.TelegramTypes.ApiResponse;
import dev.weatheragent.telegram.TelegramTypes.BotCommand;
import dev.weatheragent.telegram.TelegramTypes.DeleteWebhook;
import dev.weatheragent.telegram.TelegramTypes.EditMessageMedia;
import dev.weatheragent.telegram.TelegramTypes.EditMessageReplyMarkup;
import dev.weatheragent.telegram.TelegramTypes.EditMessageText;
import dev.weatheragent.telegram.TelegramTypes.GetUpdates;
import dev.weatheragent.telegram.TelegramTypes.SendChatAction;
import dev.weatheragent.telegram.TelegramTypes.SendMessage;
import dev.weatheragent.telegram.TelegramTypes.SendPhoto;
import dev.weatheragent.telegram.TelegramTypes.SetMyCommands;
import dev.weatheragent.telegram.TelegramTypes.User;
import dev.weatheragent.telegram.TelegramTypes.WebhookInfo;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.LazyValue;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Bot API over HTTP: one method per call the bot makes. Every request is a POST to
 * {@code <base>/bot<token>/<method>}, JSON except for uploads (multipart/form-data); failures surface as
 * {@link TelegramApiException} (Telegram said no) or {@link TelegramTransportException} (no usable answer), and
 * neither ever carries the token.
 */
public final class TelegramClient {

    /** Extra read time on top of a long poll's timeout before the socket read gives up. */
    static final Duration POLL_READ_MARGIN = Duration.ofSeconds(5);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Built by the first call rather than with this object: building it sets up TLS, which reads the JDK's trust store
     * the first time (about 0.1 s, the largest single step of start-up). So the first {@code getMe} does that on the
     * thread that connects, while {@code Main.wire} opens the store and starts the servers.
     */
    private final LazyValue<WebClient> http = LazyValue.create(() -> WebClient.builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(REQUEST_TIMEOUT)
            .followRedirects(false)
            .build());
    private final String baseUrl;
    private final String token;
    private final BotMetrics metrics;
    private final ObjectMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Counting every call in {@code metrics} by method and result. */
    public TelegramClient(URI apiBaseUrl, String token, BotMetrics metrics) {
        this.metrics = metrics;
        String base = apiBaseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    /** The bot's own user; fails with a token-rejected {@link TelegramApiException} for a bad token. */
    public User getMe() {
        return convert(call("getMe", null, REQUEST_TIMEOUT), User.class);
    }

    public WebhookInfo getWebhookInfo() {
        return convert(call("getWebhookInfo", null, REQUEST_TIMEOUT), WebhookInfo.class);
    }

    /** Removes the webhook so that {@code getUpdates} works; pending updates are kept unless asked. */
    public void deleteWebhook(boolean dropPendingUpdates) {
        call("deleteWebhook", new DeleteWebhook(dropPendingUpdates), REQUEST_TIMEOUT);
    }

    /** Sets the command menu for users whose language is {@code languageCode}, or the default one for null. */
    public void setMyCommands(List<BotCommand> commands, String languageCode) {
        call("setMyCommands", new SetMyCommands(commands, languageCode), REQUEST_TIMEOUT);
    }

    /**
     * Long-polls for updates. Returns the raw update objects so that one malformed update cannot make the whole
     * batch unreadable; {@link #readUpdate(JsonNode)} converts them one by one.
     */
    public List<JsonNode> getUpdates(long offset, int limit, Duration timeout, List<String> allowedUpdates) {
        GetUpdates body = new GetUpdates(offset, limit, (int) timeout.toSeconds(), allowedUpdates);
        JsonNode result = call("getUpdates", body, timeout.plus(POLL_READ_MARGIN));
        if (!result.isArray()) {
            throw new TelegramTransportException("getUpdates: result is not an array");
        }
        List<JsonNode> updates = new ArrayList<>(result.size());
        result.forEach(updates::add);
        return updates;
    }

    /** Converts one raw update; throws {@link IllegalArgumentException} when it does not fit the Update type. */
    public TelegramTypes.Update readUpdate(JsonNode raw) {
        try {
            return json.treeToValue(raw, TelegramTypes.Update.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed update: " + e.getOriginalMessage(), e);
        }
    }

    public void sendMessage(SendMessage message) {
        call("sendMessage", message, REQUEST_TIMEOUT);
    }

    public void editMessageText(EditMessageText edit) {
        call("editMessageText", edit, REQUEST_TIMEOUT);
    }

    public void editMessageReplyMarkup(EditMessageReplyMarkup edit) {
        call("editMessageReplyMarkup", edit, REQUEST_TIMEOUT);
    }

    public void answerCallbackQuery(AnswerCallbackQuery answer) {
        call("answerCallbackQuery", answer, REQUEST_TIMEOUT);
    }

    /**
     * Answers an inline query; {@code readTimeout} keeps the call within the few seconds Telegram still accepts an
     * answer.
     */
    public void answerInlineQuery(AnswerInlineQuery answer, Duration readTimeout) {
        call("answerInlineQuery", answer, readTimeout);
    }

    public void sendChatAction(SendChatAction action) {
        call("sendChatAction", action, REQUEST_TIMEOUT);
    }

    /**
     * Uploads a PNG picture with {@code sendPhoto}: the fields as form fields (objects such as
     * {@code reply_parameters} JSON-serialised, as the Bot API wants them in a form) and the picture as the file part
     * {@code photo}.
     */
    public void sendPhoto(SendPhoto photo, byte[] png) {
        upload("sendPhoto", photo, "photo", png);
    }

    /**
     * Replaces the picture (and caption and buttons) of a message with {@code editMessageMedia}, uploading the PNG
     * as the file part {@code media.media} names ({@code attach://<name>}).
     */
    public void editMessageMedia(EditMessageMedia edit, byte[] png) {
        upload("editMessageMedia", edit, edit.media().media().substring("attach://".length()), png);
    }

    private void upload(String method, Object body, String filePart, byte[] png) {
        ObjectNode fields = json.valueToTree(body);
        Multipart form = new Multipart();
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            JsonNode value = field.getValue();
            form.field(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
        }
        form.file(filePart, "chart.png", "image/png", png);
        send(method, form.contentType(), form.bytes(), REQUEST_TIMEOUT);
    }

    private JsonNode call(String method, Object body, Duration readTimeout) {
        byte[] requestBytes;
        try {
            requestBytes = body == null ? "{}".getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(method + ": request could not be serialised", e);
        }
        return send(method, HeaderValues.CONTENT_TYPE_JSON, requestBytes, readTimeout);
    }

    private JsonNode send(String method, Header contentType, byte[] requestBytes, Duration readTimeout) {
        int status;
        byte[] responseBytes;
        try (HttpClientResponse response = http.get().post(baseUrl + "/bot" + token + "/" + method)
                .readTimeout(readTimeout)
                .header(contentType)
                .submit(requestBytes)) {
            status = response.status().code();
            responseBytes = response.entity().as(byte[].class);
        } catch (RuntimeException e) {
            metrics.telegramCall(method, CallResult.TRANSPORT);
            // Helidon's exceptions may quote the URI, and with it the token: keep only what is safe to log.
            throw new TelegramTransportException(method + ": " + describe(e));
        }
        ApiResponse parsed;
        try {
            parsed = json.readValue(responseBytes, ApiResponse.class);
        } catch (java.io.IOException e) {
            metrics.telegramCall(method, CallResult.TRANSPORT);
            throw new TelegramTransportException(method + ": HTTP " + status + " with a body that is not Bot API JSON");
        }
        if (parsed.ok() && parsed.result() != null) {
            metrics.telegramCall(method, CallResult.OK);
            return parsed.result();
        }
        if (parsed.ok()) {
            metrics.telegramCall(method, CallResult.TRANSPORT);
            throw new TelegramTransportException(method + ": HTTP " + status + " ok without a result");
        }
        Integer retryAfter = parsed.parameters() == null ? null : parsed.parameters().retryAfter();
        int code = parsed.errorCode() == null ? status : parsed.errorCode();
        metrics.telegramCall(method, CallResult.ofStatus(code));
        throw new TelegramApiException(method, code, parsed.description(), retryAfter);
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new TelegramTransportException("unexpected " + type.getSimpleName() + " from Telegram");
        }
    }

    /**
     * A multipart/form-data body (RFC 7578) in memory. Field values are UTF-8; the boundary is random and checked
     * against the content, so a picture cannot end the form early.
     */
    private static final class Multipart {

        private final List<byte[]> parts = new ArrayList<>();
        private final String boundary = "weather-agent-" + HexFormat.of().formatHex(randomBytes());

        void field(String name, String value) {
            parts.add(("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value)
                    .getBytes(StandardCharsets.UTF_8));
        }

        void file(String name, String filename, String mediaType, byte[] content) {
            byte[] head = ("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + mediaType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] part = Arrays.copyOf(head, head.length + content.length);
            System.arraycopy(content, 0, part, head.length, content.length);
            parts.add(part);
        }

        private static byte[] randomBytes() {
            byte[] random = new byte[16];
            ThreadLocalRandom.current().nextBytes(random);
            return random;
        }

        Header contentType() {
            return HeaderValues.create(HeaderNames.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary);
        }

        byte[] bytes() {
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
            for (byte[] part : parts) {
                if (indexOf(part, delimiter) >= 0) {
                    throw new IllegalStateException("multipart boundary occurs in the content");
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                out.writeBytes(delimiter);
                out.writeBytes(new byte[] {'\r', '\n'});
                out.writeBytes(part);
                out.writeBytes(new byte[] {'\r', '\n'});
            }
            out.writeBytes(delimiter);
            out.writeBytes(new byte[] {'-', '-', '\r', '\n'});
            return out.toByteArray();
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            outer:
            for (int i = 0; i + pattern.length <= data.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    private String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().replace(token, "***");
        return root.getClass().getSimpleName() + message;
    }
}
