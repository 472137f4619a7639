package dev.weatheragent.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weatheragent.fakes.FakeHttpServer.Action;
import dev.weatheragent.fakes.FakeHttpServer.Request;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A fake Telegram Bot API on 127.0.0.1 that behaves like the real one where the bot depends on it: JSON POSTs to
 * {@code /bot<token>/<method>}, the {@code {"ok":..}} envelope with {@code error_code}, {@code description} and
 * {@code parameters.retry_after} (or, as older servers and some proxies send it, only in the description);
 * chats that blocked the bot (403) or are gone (400 "chat not found"); {@code getUpdates} long polling where the offset confirms and a newer poll ends
 * an older one with 409; 409 while a webhook is set; HTML parse-mode validation with "can't parse entities".
 * Every request is checked against the Bot API specification; violations are collected for the tests to assert on.
 * Several bot instances can share it, each through its own {@link #baseUrlFor(String) address}, so that
 * {@link #overlappingPolls()} can tell whether two of them ever polled at the same moment. Message dates come from
 * the clock the bot under test uses.
 */
public final class FakeTelegram implements AutoCloseable {

    public static final String TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijk";
    public static final String BOT_USERNAME = "WeatherTestBot";
    private static final String CONFLICT = "Conflict: terminated by other getUpdates request;"
            + " make sure that only one bot instance is running";

    /**
     * A picture the bot sent with {@code sendPhoto} (multipart upload), decoded: {@code plainCaption} is the caption
     * the user saw after Telegram parsed its HTML.
     */
    public record Photo(long chatId, byte[] png, int width, int height, String caption, String parseMode,
                        String plainCaption, Long replyTo, Integer threadId, Instant at, long messageId,
                        JsonNode replyMarkup) {
    }

    /** A picture that replaced another with {@code editMessageMedia}, decoded like a {@link Photo}. */
    public record PhotoEdit(long chatId, long messageId, byte[] png, int width, int height, String plainCaption,
                            JsonNode replyMarkup) {
    }

    /**
     * A message the bot sent. {@code plainText} is what the user saw after Telegram parsed the HTML;
     * {@code replyMarkup} its inline keyboard as sent, or null.
     */
    public record Sent(long chatId, String text, String parseMode, Long replyTo, Integer threadId, String plainText,
                       Instant at, long messageId, JsonNode replyMarkup) {

        /** The callback_data of every button, row by row. */
        public List<String> buttonData() {
            return FakeInteractions.buttonData(replyMarkup);
        }

        /** The labels of every button, row by row. */
        public List<String> buttonLabels() {
            List<String> labels = new ArrayList<>();
            if (replyMarkup != null) {
                replyMarkup.path("inline_keyboard")
                        .forEach(row -> row.forEach(b -> labels.add(b.path("text").asText())));
            }
            return labels;
        }
    }

    /** An edit of one of the bot's messages; {@code plainText} is null when only the keyboard changed. */
    public record Edit(long chatId, long messageId, String plainText, JsonNode replyMarkup, Instant at) {

        public List<String> buttonData() {
            return FakeInteractions.buttonData(replyMarkup);
        }
    }

    /** The bot's answer to a button press: the toast, or null for none. */
    public record CallbackAnswer(String callbackQueryId, String text) {
    }

    /** The bot's answer to an inline query. */
    public record InlineAnswer(String inlineQueryId, JsonNode results, int cacheTime, boolean personal) {
    }

    /** A {@code getUpdates} call as received. */
    public record Poll(long offset, int limit, int timeout, List<String> allowedUpdates, Instant at) {
    }

    /**
     * A {@code getUpdates} call from arrival until it was answered or the client hung up, whichever came first;
     * {@code end} is null while it runs. {@code client} names the {@link #baseUrlFor(String) address} it came to.
     */
    public record PollSpan(String client, long offset, int timeout, Instant start, Instant end) {

        public boolean overlaps(PollSpan other) {
            Instant thisEnd = end == null ? Instant.MAX : end;
            Instant otherEnd = other.end == null ? Instant.MAX : other.end;
            return start.isBefore(otherEnd) && other.start.isBefore(thisEnd);
        }
    }

    /** One call as the fake served it: from the request's arrival to its answer being ready. */
    public record Call(String method, Instant start, Instant end) {
    }

    /** A poll being served; its span ends at the answer or when the client hangs up. */
    private record OpenPoll(String client, long offset, int timeout, Instant start, CompletableFuture<Instant> gone,
                            CompletableFuture<Instant> answered) {
        PollSpan span() {
            Instant goneAt = gone.getNow(null);
            Instant answeredAt = answered.getNow(null);
            Instant end = goneAt == null ? answeredAt
                    : answeredAt == null || goneAt.isBefore(answeredAt) ? goneAt : answeredAt;
            return new PollSpan(client, offset, timeout, start, end);
        }
    }

    private static final String DEFAULT_CLIENT = "default";

    private final ObjectMapper json = new ObjectMapper();
    private final BotApiSpec spec = BotApiSpec.load();
    private final FakeHttpServer server;
    private final List<String> callers = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, FakeHttpServer> clientServers = new java.util.concurrent.ConcurrentHashMap<>();
    private final String token;
    private final Clock clock;

    // All state below is guarded by this object's monitor.
    private final TreeMap<Long, ObjectNode> pending = new TreeMap<>();
    private final Deque<Action> pollFaults = new ArrayDeque<>();
    private final Deque<Action> sendFaults = new ArrayDeque<>();
    private final AtomicReference<Runnable> beforeNextSendAnswer = new AtomicReference<>();
    private long nextUpdateId = 1000;
    private long nextMessageId = 1;
    private long pollGeneration;
    private int activePolls;
    private int maxActivePolls;
    private String webhookUrl = "";
    private boolean webhookDeletedDroppingPending;
    private int rejectHtml;
    /** Chats that cannot be reached, with the error Telegram gives for them. */
    private final java.util.Map<Long, Action> unreachable = new java.util.HashMap<>();

    /**
     * Appended under its own lock rather than copy-on-write, and indexed by chat: a broadcast benchmark sends
     * 100,000 messages and asks for one chat's while they arrive.
     */
    private final List<Sent> sent = new ArrayList<>();
    private final Map<Long, List<Sent>> sentByChat = new ConcurrentHashMap<>();
    private final List<Poll> polls = new CopyOnWriteArrayList<>();
    private final List<OpenPoll> pollLog = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> specViolations = new CopyOnWriteArrayList<>();
    private final List<JsonNode> commandMenus = new CopyOnWriteArrayList<>();
    private final List<Call> callLog = new CopyOnWriteArrayList<>();
    /** Faults and delays for the methods without a fault queue of their own (getMe, setMyCommands, …). */
    private final Map<String, Deque<Action>> callFaults = new ConcurrentHashMap<>();
    private final Map<String, Duration> callDelays = new ConcurrentHashMap<>();
    private final List<Long> chatActions = new CopyOnWriteArrayList<>();
    private final List<Photo> photos = new CopyOnWriteArrayList<>();
    private final Deque<Action> photoFaults = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final FakeInteractions interactions = new FakeInteractions();
    private final List<PhotoEdit> photoEdits = new CopyOnWriteArrayList<>();
    private volatile boolean inlineMode = true;
    private long nextQueryId = 1;

    /** A fake whose messages are dated by this clock: give it the clock the bot under test uses. */
    public FakeTelegram(Clock clock) throws IOException {
        this(TOKEN, clock);
    }

    public FakeTelegram(String token, Clock clock) throws IOException {
        this.token = token;
        this.clock = clock;
        this.server = new FakeHttpServer(request -> handle(request, DEFAULT_CLIENT));
    }

    public URI baseUrl() {
        return server.uri("");
    }

    /**
     * The same fake Telegram at an address of its own, so that the polls of one bot instance can be told from
     * another's (their {@link PollSpan#client()} is {@code client}).
     */
    public URI baseUrlFor(String client) {
        return clientServers.computeIfAbsent(client, name -> {
            try {
                return new FakeHttpServer(request -> handle(request, name));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).uri("");
    }

    // ---- scripting ----------------------------------------------------------------------------------------------

    /** Queues a text message from a user in a chat (private for positive ids, a supergroup for negative ones). */
    public synchronized long sendText(long chatId, String text, String languageCode) {
        ObjectNode message = message(chatId, languageCode);
        message.put("text", text);
        if (text.startsWith("/")) {
            int end = text.indexOf(' ');
            message.putArray("entities").addObject().put("offset", 0)
                    .put("length", end < 0 ? text.length() : end).put("type", "bot_command");
        }
        return enqueue("message", message);
    }

    /** Queues a shared location. */
    public synchronized long sendLocation(long chatId, double latitude, double longitude) {
        ObjectNode message = message(chatId, "en");
        message.putObject("location").put("latitude", latitude).put("longitude", longitude);
        return enqueue("message", message);
    }

    /** Queues an update of any shape, even a malformed one; returns its update_id. */
    public synchronized long sendRawUpdate(String kind, JsonNode payload) {
        ObjectNode update = json.createObjectNode().put("update_id", nextUpdateId);
        update.set(kind, payload);
        pending.put(nextUpdateId, update);
        notifyAll();
        return nextUpdateId++;
    }

    /** Queues a whole raw update object as given, update_id included (or not). */
    public synchronized void sendRawJson(ObjectNode update, long idForOrdering) {
        pending.put(idForOrdering, update);
        nextUpdateId = Math.max(nextUpdateId, idForOrdering + 1);
        notifyAll();
    }

    /**
     * Queues a press on a button of one of the bot's messages in this chat, with this callback_data (any data: a
     * test can forge it). The callback query carries the message as Telegram keeps it now; returns the query's id.
     */
    public synchronized String press(long chatId, long messageId, String data) {
        String text = interactions.text(chatId, messageId);
        if (text == null) {
            throw new IllegalArgumentException("the bot sent no message " + messageId + " to chat " + chatId);
        }
        ObjectNode message = botMessage(chatId, messageId, clock.instant().getEpochSecond());
        message.put("text", text);
        JsonNode keyboard = interactions.keyboard(chatId, messageId);
        if (keyboard != null) {
            message.set("reply_markup", keyboard);
        }
        return enqueueCallback(chatId, message, data);
    }

    /**
     * Queues a press on a button of a message older than 48 hours: Telegram then sends an InaccessibleMessage (date 0,
     * no text) in the callback query.
     */
    public synchronized String pressOnInaccessible(long chatId, long messageId, String data) {
        return enqueueCallback(chatId, botMessage(chatId, messageId, 0), data);
    }

    /** Queues a press on the button with this label under the message, as it is shown now. */
    public String pressButton(long chatId, long messageId, String label) {
        JsonNode keyboard;
        synchronized (this) {
            keyboard = interactions.keyboard(chatId, messageId);
        }
        if (keyboard != null) {
            for (JsonNode row : keyboard.path("inline_keyboard")) {
                for (JsonNode button : row) {
                    if (button.path("text").asText().equals(label)) {
                        return press(chatId, messageId, button.path("callback_data").asText());
                    }
                }
            }
        }
        throw new AssertionError("no button " + label + " under message " + messageId + " of chat " + chatId + ": "
                + keyboard);
    }

    /** Queues an inline query ({@code @bot query}) from this user; returns its id. */
    public synchronized String inlineQuery(long userId, String query, String languageCode) {
        String id = "iq" + nextQueryId++;
        ObjectNode payload = json.createObjectNode().put("id", id);
        ObjectNode from = payload.putObject("from").put("id", userId).put("is_bot", false).put("first_name", "Test");
        if (languageCode != null) {
            from.put("language_code", languageCode);
        }
        payload.put("query", query).put("offset", "").put("chat_type", "sender");
        List<String> problems = spec.checkObject("InlineQuery", payload);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("fake built an invalid InlineQuery: " + problems);
        }
        interactions.issued(id, true);
        sendRawUpdate("inline_query", payload);
        return id;
    }

    /** Whether getMe says inline mode is on (switched on with @BotFather's /setinline). */
    public void inlineMode(boolean on) {
        inlineMode = on;
    }

    /** How long Telegram waits for the answer to a button press and to an inline query. */
    public void queryWindows(Duration callback, Duration inline) {
        interactions.windows(callback, inline);
    }

    /** The next {@code getUpdates} calls fail with these actions, in order. */
    public synchronized void failPolls(Action... actions) {
        pollFaults.addAll(List.of(actions));
    }

    /**
     * The next calls of this method fail with these actions, in order; for the methods without their own fault
     * queue (not {@code getUpdates}, {@code sendMessage}, {@code sendPhoto}).
     */
    public void failCalls(String method, Action... actions) {
        callFaults.computeIfAbsent(method, m -> new java.util.concurrent.ConcurrentLinkedDeque<>())
                .addAll(List.of(actions));
    }

    /** From now on every call of this method is answered only after this delay. */
    public void delayCalls(String method, Duration delay) {
        callDelays.put(method, delay);
    }

    /** The next {@code sendMessage} calls fail with these actions, in order. */
    public synchronized void failSends(Action... actions) {
        sendFaults.addAll(List.of(actions));
    }

    /** The next {@code sendPhoto} calls fail with these actions, in order. */
    public void failPhotos(Action... actions) {
        photoFaults.addAll(List.of(actions));
    }

    /** From now on the chat's user has blocked the bot: every send to it gets Telegram's 403. */
    public synchronized void blockedBy(long chatId) {
        unreachable.put(chatId, error(403, "Forbidden: bot was blocked by the user"));
    }

    /** From now on the chat does not exist for the bot (deleted, or the bot was never in it): 400 on every send. */
    public synchronized void chatGone(long chatId) {
        unreachable.put(chatId, error(400, "Bad Request: chat not found"));
    }

    /** The chat can be reached again (the user unblocked the bot). */
    public synchronized void reachable(long chatId) {
        unreachable.remove(chatId);
    }

    /**
     * Runs once, when the next message has been delivered (it counts as sent) and before Telegram's 200 goes back: to
     * make something fail exactly between a delivery and the bot learning of it.
     */
    public void beforeNextSendAnswer(Runnable hook) {
        beforeNextSendAnswer.set(hook);
    }

    /** The next {@code count} HTML messages are answered with Telegram's "can't parse entities" 400. */
    public synchronized void rejectHtml(int count) {
        rejectHtml = count;
    }

    public synchronized void webhook(String url) {
        webhookUrl = url;
    }

    /** A Bot API error answer, as Telegram sends it. */
    public static Action error(int code, String description) {
        return FakeHttpServer.json(code, "{\"ok\":false,\"error_code\":" + code + ",\"description\":\""
                + description + "\"}");
    }

    /** Telegram's 429 with {@code parameters.retry_after}. */
    public static Action tooManyRequests(int retryAfterSeconds) {
        return FakeHttpServer.json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests:"
                + " retry after " + retryAfterSeconds + "\",\"parameters\":{\"retry_after\":" + retryAfterSeconds + "}}");
    }

    /**
     * Telegram's 429 as older Bot API servers and some proxies send it: the delay only in the description, no
     * {@code parameters}.
     */
    public static Action tooManyRequestsInDescription(int retryAfterSeconds) {
        return FakeHttpServer.json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests:"
                + " retry after " + retryAfterSeconds + "\"}");
    }

    /** A 429 that says nothing about how long to wait. */
    public static Action tooManyRequestsWithoutDelay() {
        return FakeHttpServer.json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\"}");
    }

    // ---- observations -------------------------------------------------------------------------------------------

    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** How many messages were sent so far; cheap enough to poll in a tight loop. */
    public int sentCount() {
        synchronized (sent) {
            return sent.size();
        }
    }

    public List<Sent> sentTo(long chatId) {
        List<Sent> chat = sentByChat.getOrDefault(chatId, List.of());
        synchronized (chat) {
            return List.copyOf(chat);
        }
    }

    public List<Poll> polls() {
        return List.copyOf(polls);
    }

    /** Pictures replaced with {@code editMessageMedia}, in order. */
    public List<PhotoEdit> photoEdits() {
        return List.copyOf(photoEdits);
    }

    /** Edits the bot made to its messages, in order. */
    public List<Edit> edits() {
        return interactions.edits().stream()
                .map(e -> new Edit(e.chatId(), e.messageId(), e.plainText(), e.replyMarkup(), e.at())).toList();
    }

    /** Waits until the bot made {@code count} edits to this message, and returns them. */
    public List<Edit> awaitEdits(long chatId, long messageId, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Edit> got = edits().stream().filter(e -> e.chatId() == chatId && e.messageId() == messageId)
                    .toList();
            if (got.size() >= count || System.nanoTime() > deadline) {
                if (got.size() < count) {
                    throw new AssertionError("message " + messageId + " of chat " + chatId + " had " + got.size()
                            + " of " + count + " edits within " + timeout + ": " + got);
                }
                return got;
            }
            Thread.sleep(20);
        }
    }

    /** The text of the bot's message as the user sees it now (after edits). */
    public synchronized String shownText(long chatId, long messageId) {
        return interactions.text(chatId, messageId);
    }

    /** The buttons' callback_data under the bot's message as the user sees it now. */
    public synchronized List<String> shownButtons(long chatId, long messageId) {
        return FakeInteractions.buttonData(interactions.keyboard(chatId, messageId));
    }

    /** The labels of the buttons under the bot's message as the user sees it now. */
    public synchronized List<String> shownLabels(long chatId, long messageId) {
        List<String> labels = new ArrayList<>();
        JsonNode keyboard = interactions.keyboard(chatId, messageId);
        if (keyboard != null) {
            keyboard.path("inline_keyboard").forEach(row -> row.forEach(b -> labels.add(b.path("text").asText())));
        }
        return labels;
    }

    /** Waits for the bot's answer to this button press. */
    public CallbackAnswer awaitCallbackAnswer(String queryId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (FakeInteractions.CallbackAnswer a : interactions.callbackAnswers()) {
                if (a.callbackQueryId().equals(queryId)) {
                    return new CallbackAnswer(a.callbackQueryId(), a.text());
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("callback query " + queryId + " not answered within " + timeout + "; calls: "
                + calls());
    }

    /** The answers to inline queries that Telegram accepted, in order. */
    public List<InlineAnswer> inlineAnswers() {
        return interactions.inlineAnswers().stream()
                .map(a -> new InlineAnswer(a.inlineQueryId(), a.results(), a.cacheTime(), a.personal())).toList();
    }

    /** Waits for the accepted answer to this inline query. */
    public InlineAnswer awaitInlineAnswer(String queryId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (InlineAnswer a : inlineAnswers()) {
                if (a.inlineQueryId().equals(queryId)) {
                    return a;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("inline query " + queryId + " not answered within " + timeout + "; calls: "
                + calls());
    }

    /** Pictures received with {@code sendPhoto}, in order. */
    public List<Photo> photos() {
        return List.copyOf(photos);
    }

    /** Waits until the chat received {@code count} pictures, and returns them. */
    public List<Photo> awaitPhotosTo(long chatId, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Photo> got = photos.stream().filter(p -> p.chatId() == chatId).toList();
            if (got.size() >= count) {
                return got;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("chat " + chatId + " got fewer than " + count + " pictures within " + timeout
                + "; texts: " + sentTo(chatId));
    }

    /** Method names in the order they were called. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** "client method" for every call, in order: which instance called what ({@link #baseUrlFor}). */
    public List<String> callers() {
        return List.copyOf(callers);
    }

    public List<String> specViolations() {
        return List.copyOf(specViolations);
    }

    public List<JsonNode> commandMenus() {
        return List.copyOf(commandMenus);
    }

    /** The menus published, once there are at least {@code count} of them. */
    public List<JsonNode> awaitCommandMenus(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (commandMenus.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (commandMenus.size() < count) {
            throw new AssertionError("fewer than " + count + " command menus within " + timeout + ": "
                    + commandMenus + "; calls: " + calls());
        }
        return commandMenus();
    }

    /** Every call answered (or being answered), with its start and end, in the order the answers were ready. */
    public List<Call> callLog() {
        return List.copyOf(callLog);
    }

    public List<Long> chatActions() {
        return List.copyOf(chatActions);
    }

    /** Every {@code getUpdates} so far, in order of arrival, the running ones with a null end. */
    public List<PollSpan> pollSpans() {
        return pollLog.stream().map(OpenPoll::span).toList();
    }

    /**
     * Pairs of {@code getUpdates} calls that were open at the same moment, described: from different instances
     * that means two pollers of one token; from one instance, a poll that ends another with 409.
     */
    public List<String> overlappingPolls() {
        List<PollSpan> spans = pollSpans();
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            for (int j = i + 1; j < spans.size(); j++) {
                if (spans.get(i).overlaps(spans.get(j))) {
                    overlaps.add(spans.get(i) + " overlaps " + spans.get(j));
                }
            }
        }
        return overlaps;
    }

    public synchronized int maxConcurrentPolls() {
        return maxActivePolls;
    }

    public synchronized boolean webhookDeletedDroppingPending() {
        return webhookDeletedDroppingPending;
    }

    public synchronized String webhookUrl() {
        return webhookUrl;
    }

    /** Updates not yet confirmed by an offset. */
    public synchronized List<Long> unconfirmed() {
        return List.copyOf(pending.keySet());
    }

    /** Waits until a sent message matches, and returns it. */
    public Sent awaitSent(Predicate<Sent> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Sent s : sent()) {
                if (match.test(s)) {
                    return s;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching message within " + timeout + "; sent so far: " + sent());
    }

    /** Waits until the chat received {@code count} messages, and returns them. */
    public List<Sent> awaitSentTo(long chatId, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Sent> got = sentTo(chatId);
            if (got.size() >= count) {
                return got;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("chat " + chatId + " got " + sentTo(chatId).size() + " of " + count
                + " messages within " + timeout + ": " + sentTo(chatId));
    }

    /** Waits until every queued update has been confirmed by an offset. */
    public void awaitAllConfirmed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (unconfirmed().isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("still unconfirmed after " + timeout + ": " + unconfirmed());
    }

    // ---- the API ------------------------------------------------------------------------------------------------

    private Action handle(Request request, String client) throws InterruptedException {
        String prefix = "/bot" + token + "/";
        if (!request.path().startsWith("/bot")) {
            return error(404, "Not Found");
        }
        if (!request.path().startsWith(prefix)) {
            return error(401, "Unauthorized");
        }
        String method = request.path().substring(prefix.length());
        calls.add(method);
        callers.add(client + " " + method);
        Instant start = Instant.now();
        try {
            return answer(method, request, client);
        } finally {
            callLog.add(new Call(method, start, Instant.now()));
        }
    }

    private Action answer(String method, Request request, String client) throws InterruptedException {
        Duration delay = callDelays.get(method);
        if (delay != null) {
            Thread.sleep(delay);
        }
        JsonNode params;
        java.util.Map<String, FakeHttpServer.Part> files = new java.util.HashMap<>();
        try {
            params = FakeHttpServer.isMultipart(request) ? formParams(method, request, files)
                    : request.body().length == 0 ? json.createObjectNode() : json.readTree(request.body());
        } catch (IOException e) {
            return error(400, "Bad Request: invalid JSON");
        } catch (IllegalArgumentException e) {
            specViolations.add(method + ": " + e.getMessage());
            return error(400, "Bad Request: " + e.getMessage().replace('"', '\''));
        }
        List<String> problems = spec.checkRequest(method, params);
        if (!problems.isEmpty()) {
            specViolations.addAll(problems);
            return error(400, "Bad Request: " + problems.getFirst().replace('"', '\''));
        }
        Action refusal = refusal(method, params);
        if (refusal != null) {
            return refusal;
        }
        Action fault = callFaults.getOrDefault(method, new ArrayDeque<>()).poll();
        if (fault != null) {
            return fault;
        }
        return switch (method) {
            case "getMe" -> ok(json.createObjectNode().put("id", Long.parseLong(token.substring(0, token.indexOf(':'))))
                    .put("is_bot", true).put("first_name", "Weather").put("username", BOT_USERNAME)
                    .put("can_join_groups", true).put("can_read_all_group_messages", false)
                    .put("supports_inline_queries", inlineMode));
            case "getWebhookInfo" -> webhookInfo();
            case "deleteWebhook" -> deleteWebhook(params);
            case "setMyCommands" -> {
                commandMenus.add(params);
                yield ok(json.getNodeFactory().booleanNode(true));
            }
            case "getUpdates" -> getUpdates(params, client, request.clientGone());
            case "sendMessage" -> sendMessage(params);
            case "sendPhoto" -> sendPhoto(params, files.get("photo"));
            case "editMessageText" -> editMessageText(params);
            case "editMessageReplyMarkup" -> editMessageReplyMarkup(params);
            case "editMessageMedia" -> editMessageMedia(params, files);
            case "answerCallbackQuery" -> answered(interactions.answerCallback(params));
            case "answerInlineQuery" -> answered(interactions.answerInline(params));
            case "sendChatAction" -> {
                chatActions.add(params.get("chat_id").asLong());
                yield ok(json.getNodeFactory().booleanNode(true));
            }
            default -> error(404, "Not Found: method not found");
        };
    }

    /** Telegram's answer to anything sent to a chat that cannot be reached, or null. */
    private synchronized Action refusal(String method, JsonNode params) {
        return method.startsWith("send") && params.has("chat_id") ? unreachable.get(params.get("chat_id").asLong())
                : null;
    }

    private synchronized Action webhookInfo() {
        return ok(json.createObjectNode().put("url", webhookUrl).put("has_custom_certificate", false)
                .put("pending_update_count", pending.size()));
    }

    private synchronized Action deleteWebhook(JsonNode params) {
        webhookUrl = "";
        if (params.path("drop_pending_updates").asBoolean(false)) {
            webhookDeletedDroppingPending = true;
            pending.clear();
        }
        return ok(json.getNodeFactory().booleanNode(true));
    }

    private Action getUpdates(JsonNode params, String client, CompletableFuture<Instant> gone)
            throws InterruptedException {
        long offset = params.path("offset").asLong(0);
        int limit = params.path("limit").asInt(100);
        int timeout = params.path("timeout").asInt(0);
        List<String> allowed = new ArrayList<>();
        params.path("allowed_updates").forEach(a -> allowed.add(a.asText()));
        polls.add(new Poll(offset, limit, timeout, allowed, Instant.now()));
        OpenPoll open = new OpenPoll(client, offset, timeout, Instant.now(), gone, new CompletableFuture<>());
        pollLog.add(open);
        try {
            return longPoll(offset, limit, timeout);
        } finally {
            open.answered().complete(Instant.now());
        }
    }

    private Action longPoll(long offset, int limit, int timeout) throws InterruptedException {
        synchronized (this) {
            if (!pollFaults.isEmpty()) {
                return pollFaults.poll();
            }
            if (!webhookUrl.isEmpty()) {
                return error(409, "Conflict: can't use getUpdates method while webhook is active;"
                        + " use deleteWebhook to delete the webhook first");
            }
            if (offset > 0) {
                pending.headMap(offset).clear();
            }
            long generation = ++pollGeneration;
            notifyAll();
            activePolls++;
            maxActivePolls = Math.max(maxActivePolls, activePolls);
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
                while (true) {
                    if (pollGeneration != generation) {
                        return error(409, CONFLICT);
                    }
                    ArrayNode batch = json.createArrayNode();
                    for (ObjectNode update : pending.tailMap(offset).values()) {
                        if (batch.size() == limit) {
                            break;
                        }
                        batch.add(update);
                    }
                    long left = deadline - System.nanoTime();
                    if (!batch.isEmpty() || left <= 0) {
                        return ok(batch);
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } finally {
                activePolls--;
            }
        }
    }

    private Action answered(String problem) {
        return problem == null ? ok(json.getNodeFactory().booleanNode(true)) : error(400, problem);
    }

    private Action editMessageText(JsonNode params) {
        if (!params.has("chat_id") || !params.has("message_id")) {
            return error(400, "Bad Request: message identifier is not specified");
        }
        String text = params.path("text").asText("");
        String parseMode = params.path("parse_mode").asText(null);
        String plain;
        try {
            plain = "HTML".equals(parseMode) ? TelegramHtml.parse(text) : text;
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request: can't parse entities: " + e.getMessage());
        }
        if (plain.strip().isEmpty()) {
            return error(400, "Bad Request: message text is empty");
        }
        if (plain.length() > 4096) {
            return error(400, "Bad Request: MESSAGE_TOO_LONG");
        }
        long chatId = params.get("chat_id").asLong();
        long messageId = params.get("message_id").asLong();
        String problem;
        synchronized (this) {
            problem = interactions.edit(chatId, messageId, text, plain, params.get("reply_markup"));
        }
        if (problem != null) {
            return error(400, problem);
        }
        ObjectNode message = botMessage(chatId, messageId, clock.instant().getEpochSecond());
        message.put("text", plain).put("edit_date", clock.instant().getEpochSecond());
        return ok(message);
    }

    private Action editMessageReplyMarkup(JsonNode params) {
        if (!params.has("chat_id") || !params.has("message_id")) {
            return error(400, "Bad Request: message identifier is not specified");
        }
        long chatId = params.get("chat_id").asLong();
        long messageId = params.get("message_id").asLong();
        String problem;
        synchronized (this) {
            problem = interactions.edit(chatId, messageId, null, null, params.get("reply_markup"));
        }
        if (problem != null) {
            return error(400, problem);
        }
        ObjectNode message = botMessage(chatId, messageId, clock.instant().getEpochSecond());
        message.put("text", interactions.text(chatId, messageId));
        return ok(message);
    }

    private Action sendMessage(JsonNode params) {
        String text = params.get("text").asText();
        String parseMode = params.path("parse_mode").asText(null);
        String markupProblem = interactions.checkMarkup(params.get("reply_markup"));
        if (markupProblem != null) {
            return error(400, markupProblem);
        }
        synchronized (this) {
            if (!sendFaults.isEmpty()) {
                return sendFaults.poll();
            }
            if ("HTML".equals(parseMode) && rejectHtml > 0) {
                rejectHtml--;
                return error(400, "Bad Request: can't parse entities: Unsupported start tag at byte offset 0");
            }
        }
        String plain;
        try {
            plain = "HTML".equals(parseMode) ? TelegramHtml.parse(text) : text;
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request: can't parse entities: " + e.getMessage());
        }
        if (plain.strip().isEmpty()) {
            return error(400, "Bad Request: message text is empty");
        }
        if (plain.length() > 4096) {
            return error(400, "Bad Request: message is too long");
        }
        long chatId = params.get("chat_id").asLong();
        Long replyTo = params.has("reply_parameters") ? params.get("reply_parameters").get("message_id").asLong() : null;
        Integer thread = params.has("message_thread_id") ? params.get("message_thread_id").asInt() : null;
        long messageId;
        synchronized (this) {
            messageId = nextMessageId++;
            interactions.sent(chatId, messageId, plain, params.get("reply_markup"));
        }
        Sent delivered = new Sent(chatId, text, parseMode, replyTo, thread, plain, Instant.now(), messageId,
                params.get("reply_markup"));
        synchronized (sent) {
            sent.add(delivered);
        }
        List<Sent> chat = sentByChat.computeIfAbsent(chatId, id -> new ArrayList<>());
        synchronized (chat) {
            chat.add(delivered);
        }
        Runnable hook = beforeNextSendAnswer.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
        ObjectNode message = json.createObjectNode().put("message_id", messageId)
                .put("date", clock.instant().getEpochSecond());
        message.putObject("chat").put("id", chatId).put("type", chatId > 0 ? "private" : "supergroup");
        message.put("text", plain);
        return ok(message);
    }

    /**
     * A multipart/form-data request as the Bot API reads it: file parts only for fields that take an InputFile,
     * every other field a string that means the spec's type (an Integer or Boolean as text, an object as JSON). The
     * result stands in for the JSON parameters, with an empty object for each file (which fits InputFile).
     */
    private ObjectNode formParams(String method, Request request, java.util.Map<String, FakeHttpServer.Part> files)
            throws IOException {
        ObjectNode params = json.createObjectNode();
        JsonNode fields = SPEC_JSON.path("methods").path(method).path("fields");
        for (FakeHttpServer.Part part : FakeHttpServer.parts(request)) {
            List<String> types = new ArrayList<>();
            for (JsonNode field : fields) {
                if (field.path("name").asText().equals(part.name())) {
                    field.path("types").forEach(t -> types.add(t.asText()));
                }
            }
            if (part.filename() != null && types.isEmpty()) {
                // A file for an attach://<name> reference in another field (editMessageMedia, sendMediaGroup).
                files.put(part.name(), part);
            } else if (part.filename() != null) {
                if (!types.contains("InputFile")) {
                    throw new IllegalArgumentException("field " + part.name() + " does not take a file");
                }
                files.put(part.name(), part);
                params.putObject(part.name());
            } else if (types.contains("Integer") && part.text().matches("-?\\d+")) {
                params.put(part.name(), Long.parseLong(part.text()));
            } else if (types.contains("Boolean") && part.text().matches("true|false")) {
                params.put(part.name(), Boolean.parseBoolean(part.text()));
            } else if (types.contains("String") || types.isEmpty()) {
                params.put(part.name(), part.text());
            } else {
                params.set(part.name(), json.readTree(part.text()));
            }
        }
        return params;
    }

    private static final JsonNode SPEC_JSON = readSpec();

    private static JsonNode readSpec() {
        try (java.io.InputStream in = FakeTelegram.class.getResourceAsStream("/telegram/bot-api-spec.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** sendPhoto with an uploaded PNG: decoded and checked as Telegram does (size, dimensions, caption). */
    private Action sendPhoto(JsonNode params, FakeHttpServer.Part photo) {
        Action fault = photoFaults.poll();
        if (fault != null) {
            return fault;
        }
        if (photo == null) {
            // A file_id or URL as a String: the bot never sends one, and this fake has no files to serve.
            return error(400, "Bad Request: wrong file identifier/HTTP URL specified");
        }
        String caption = params.path("caption").asText("");
        String parseMode = params.path("parse_mode").asText(null);
        synchronized (this) {
            if ("HTML".equals(parseMode) && rejectHtml > 0) {
                rejectHtml--;
                return error(400, "Bad Request: can't parse entities: Unsupported start tag at byte offset 0");
            }
        }
        String plain;
        try {
            plain = "HTML".equals(parseMode) ? TelegramHtml.parse(caption) : caption;
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request: can't parse entities: " + e.getMessage());
        }
        if (plain.length() > 1024) {
            return error(400, "Bad Request: message caption is too long");
        }
        Object decoded = decodePhoto(photo);
        if (decoded instanceof Action refused) {
            return refused;
        }
        java.awt.image.BufferedImage image = (java.awt.image.BufferedImage) decoded;
        int w = image.getWidth();
        int h = image.getHeight();
        String markupProblem = interactions.checkMarkup(params.get("reply_markup"));
        if (markupProblem != null) {
            return error(400, markupProblem);
        }
        long chatId = params.get("chat_id").asLong();
        Long replyTo = params.has("reply_parameters") ? params.get("reply_parameters").get("message_id").asLong() : null;
        Integer thread = params.has("message_thread_id") ? params.get("message_thread_id").asInt() : null;
        long messageId;
        synchronized (this) {
            messageId = nextMessageId++;
            interactions.sent(chatId, messageId, plain, params.get("reply_markup"));
        }
        photos.add(new Photo(chatId, photo.content(), w, h, caption, parseMode, plain, replyTo, thread, Instant.now(),
                messageId, params.get("reply_markup")));
        ObjectNode message = json.createObjectNode().put("message_id", messageId)
                .put("date", clock.instant().getEpochSecond());
        message.putObject("chat").put("id", chatId).put("type", chatId > 0 ? "private" : "supergroup");
        message.putArray("photo").addObject().put("file_id", "AgAC-fake-" + photos.size())
                .put("file_unique_id", "fake" + photos.size()).put("width", w).put("height", h)
                .put("file_size", photo.content().length);
        if (!plain.isEmpty()) {
            message.put("caption", plain);
        }
        return ok(message);
    }

    /** The picture decoded as Telegram checks it (size, format, dimensions), or the Action refusing it. */
    private static Object decodePhoto(FakeHttpServer.Part photo) {
        if (photo.content().length > 10 * 1024 * 1024) {
            return error(400, "Bad Request: PHOTO_SAVE_FILE_INVALID");
        }
        java.awt.image.BufferedImage image;
        try {
            image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(photo.content()));
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            return error(400, "Bad Request: IMAGE_PROCESS_FAILED");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (w + h > 10_000 || Math.max(w, h) > 20 * Math.min(w, h)) {
            return error(400, "Bad Request: PHOTO_INVALID_DIMENSIONS");
        }
        return image;
    }

    /**
     * editMessageMedia with an uploaded picture: {@code media} is an InputMediaPhoto whose {@code media} names the
     * file part as {@code attach://<name>}. A new upload always changes the message.
     */
    private Action editMessageMedia(JsonNode params, java.util.Map<String, FakeHttpServer.Part> files) {
        if (!params.has("chat_id") || !params.has("message_id")) {
            return error(400, "Bad Request: message identifier is not specified");
        }
        JsonNode media = params.path("media");
        if (!"photo".equals(media.path("type").asText())) {
            return error(400, "Bad Request: unsupported media type");
        }
        String reference = media.path("media").asText("");
        FakeHttpServer.Part file = reference.startsWith("attach://")
                ? files.get(reference.substring("attach://".length())) : null;
        if (file == null) {
            return error(400, "Bad Request: wrong file identifier/HTTP URL specified");
        }
        Object decoded = decodePhoto(file);
        if (decoded instanceof Action refused) {
            return refused;
        }
        java.awt.image.BufferedImage image = (java.awt.image.BufferedImage) decoded;
        String caption = media.path("caption").asText("");
        String plain;
        try {
            plain = "HTML".equals(media.path("parse_mode").asText(null)) ? TelegramHtml.parse(caption) : caption;
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request: can't parse entities: " + e.getMessage());
        }
        if (plain.length() > 1024) {
            return error(400, "Bad Request: message caption is too long");
        }
        long chatId = params.get("chat_id").asLong();
        long messageId = params.get("message_id").asLong();
        String problem;
        synchronized (this) {
            problem = interactions.replaceMedia(chatId, messageId, plain, params.get("reply_markup"));
        }
        if (problem != null) {
            return error(400, problem);
        }
        photoEdits.add(new PhotoEdit(chatId, messageId, file.content(), image.getWidth(), image.getHeight(), plain,
                params.get("reply_markup")));
        ObjectNode message = botMessage(chatId, messageId, clock.instant().getEpochSecond());
        message.putArray("photo").addObject().put("file_id", "AgAC-fake-edit-" + photoEdits.size())
                .put("file_unique_id", "fakeedit" + photoEdits.size()).put("width", image.getWidth())
                .put("height", image.getHeight()).put("file_size", file.content().length);
        if (!plain.isEmpty()) {
            message.put("caption", plain);
        }
        return ok(message);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private ObjectNode message(long chatId, String languageCode) {
        ObjectNode message = json.createObjectNode()
                .put("message_id", nextMessageId++)
                .put("date", clock.instant().getEpochSecond());
        ObjectNode from = message.putObject("from").put("id", chatId > 0 ? chatId : 777_000L).put("is_bot", false)
                .put("first_name", "Test");
        if (languageCode != null) {
            from.put("language_code", languageCode);
        }
        ObjectNode chat = message.putObject("chat").put("id", chatId);
        if (chatId > 0) {
            chat.put("type", "private").put("first_name", "Test");
        } else {
            chat.put("type", "supergroup").put("title", "Test group");
        }
        return message;
    }

    /** A message from the bot itself in the chat, as Telegram shows it in a callback query (date 0: inaccessible). */
    private ObjectNode botMessage(long chatId, long messageId, long date) {
        ObjectNode message = json.createObjectNode().put("message_id", messageId).put("date", date);
        ObjectNode chat = message.putObject("chat").put("id", chatId);
        if (chatId > 0) {
            chat.put("type", "private").put("first_name", "Test");
        } else {
            chat.put("type", "supergroup").put("title", "Test group");
        }
        if (date != 0) {
            message.putObject("from").put("id", Long.parseLong(token.substring(0, token.indexOf(':'))))
                    .put("is_bot", true).put("first_name", "Weather").put("username", BOT_USERNAME);
        }
        return message;
    }

    private String enqueueCallback(long chatId, ObjectNode message, String data) {
        String id = "cq" + nextQueryId++;
        ObjectNode from = json.createObjectNode().put("id", chatId > 0 ? chatId : 777_000L).put("is_bot", false)
                .put("first_name", "Test").put("language_code", "en");
        ObjectNode query = interactions.callbackQuery(id, from, message, data);
        List<String> problems = spec.checkObject("CallbackQuery", query);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("fake built an invalid CallbackQuery: " + problems);
        }
        interactions.issued(id, false);
        sendRawUpdate("callback_query", query);
        return id;
    }

    private long enqueue(String kind, ObjectNode payload) {
        List<String> problems = spec.checkObject("Message", payload);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("fake built an invalid Message: " + problems);
        }
        return sendRawUpdate(kind, payload);
    }

    private Action ok(JsonNode result) {
        ObjectNode envelope = json.createObjectNode().put("ok", true);
        envelope.set("result", result);
        return FakeHttpServer.json(200, envelope.toString());
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            pollGeneration++;
            notifyAll();
        }
        server.close();
        for (FakeHttpServer extra : clientServers.values()) {
            extra.close();
        }
    }
}
