package dev.weatheragent.agent;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.weatheragent.bot.FreeTextHandler;
import dev.weatheragent.bot.Incoming;
import dev.weatheragent.bot.Replier;
import dev.weatheragent.bot.Texts;
import dev.weatheragent.config.AgentConfig;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.weather.OpenMeteoClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Answers free text with the LLM agent, within limits: a per-chat rate limit, an optional daily token budget and a
 * deadline per question. Whatever goes wrong (a rejected key, 429, 5xx, a timeout), the user still gets the bot's
 * deterministic answer. The model sees only this chat's messages, the tools' results and the system prompt: no
 * token, no key, nothing from other chats.
 */
public final class LlmFreeTextHandler implements FreeTextHandler {

    private static final System.Logger LOG = System.getLogger(LlmFreeTextHandler.class.getName());
    /** After the endpoint rejects the key, the model is left alone this long before it is tried again. */
    private static final Duration REJECTED_PAUSE = Duration.ofMinutes(10);

    private final WeatherAssistant assistant;
    private final ChatMemories memories;
    private final ChatRateLimiter rateLimiter;
    private final TokenBudget budget;
    private final Duration deadline;
    private final Clock clock;
    private final BotMetrics metrics;
    private final AtomicLong rejectedUntilMillis = new AtomicLong();

    /** Memory window, in messages (user, assistant and tool messages all count). */
    static final int MEMORY_WINDOW = 20;
    static final Duration MEMORY_IDLE = Duration.ofHours(2);
    static final int MEMORY_CHATS = 10_000;
    /** Tool calls one question may chain before the model must answer. */
    static final int MAX_TOOL_CALLS = 6;
    /** The tools' names: a name the model made up is counted as {@code unknown}, so it cannot grow the label set. */
    private static final Set<String> TOOLS = Arrays.stream(WeatherTools.class.getMethods())
            .filter(m -> m.isAnnotationPresent(Tool.class)).map(java.lang.reflect.Method::getName)
            .collect(Collectors.toUnmodifiableSet());

    /** The agent for the configuration: an OpenAI-compatible chat model, the weather tools, per-chat memory. */
    public static LlmFreeTextHandler create(AgentConfig config, OpenMeteoClient weather, ChatStore store,
                                            Clock clock, BotMetrics metrics) {
        TokenBudget budget = new TokenBudget(config.dailyTokenBudget(), clock);
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(config.baseUrl().toString())
                .apiKey(config.apiKey().orElseThrow())
                .modelName(config.model())
                .timeout(config.timeout())
                // One retry of a 429, 5xx or timeout; then the bot answers without the model.
                .maxRetries(1)
                .listeners(new UsageListener(budget, metrics))
                .build();
        ChatMemories memories = new ChatMemories(MEMORY_WINDOW, MEMORY_IDLE, MEMORY_CHATS);
        WeatherAssistant assistant = AiServices.builder(WeatherAssistant.class)
                .chatModel(model)
                .tools(new WeatherTools(weather, store))
                .chatMemoryProvider(memories)
                .maxSequentialToolsInvocations(MAX_TOOL_CALLS)
                .build();
        memories.onForget(assistant::evictChatMemory);
        metrics.chatsInMemory(memories::size);
        if (config.dailyTokenBudget() > 0) {
            metrics.llmBudgetLeft(() -> Math.max(0, config.dailyTokenBudget() - budget.usedToday()));
        }
        ChatRateLimiter limiter = new ChatRateLimiter(config.requestsPerChatPerHour(), Duration.ofHours(1), clock);
        // Room for a tool round trip or two at the model's own timeout, plus its retry.
        return new LlmFreeTextHandler(assistant, memories, limiter, budget, config.timeout().multipliedBy(2), clock,
                metrics);
    }

    LlmFreeTextHandler(WeatherAssistant assistant, ChatMemories memories, ChatRateLimiter rateLimiter,
                       TokenBudget budget, Duration deadline, Clock clock, BotMetrics metrics) {
        this.assistant = assistant;
        this.memories = memories;
        this.rateLimiter = rateLimiter;
        this.budget = budget;
        this.deadline = deadline;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public String answer(Incoming message, Replier replier, Fallback fallback) {
        Texts t = Texts.forLanguage(message.languageCode());
        if (clock.millis() < rejectedUntilMillis.get()) {
            metrics.llmFallback("key-rejected");
            return fallback.answer(message, replier, t.get("agent.unavailable"));
        }
        if (!budget.available()) {
            metrics.llmFallback("budget");
            return fallback.answer(message, replier, t.get("agent.budget"));
        }
        if (!rateLimiter.tryAcquire(message.chatId())) {
            metrics.llmFallback("rate-limited");
            return fallback.answer(message, replier, t.get("agent.rateLimited"));
        }
        String now = Instant.now(clock).truncatedTo(ChronoUnit.MINUTES).toString();
        String language = message.languageCode() == null ? "unknown" : message.languageCode();
        long started = System.nanoTime();
        FutureTask<Result<String>> call = new FutureTask<>(
                () -> assistant.chat(message.chatId(), message.text(), now, language));
        Thread.ofVirtual().name("agent-" + message.chatId()).start(call);
        try {
            Result<String> result = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            logUsage(message.chatId(), result, started);
            String html = TelegramMarkup.toHtml(result.content());
            if (html.isEmpty()) {
                metrics.llmFallback("empty-answer");
                return fallback.answer(message, replier, t.get("agent.unavailable"));
            }
            return replier.reply(html) ? "agent-answered" : "undelivered";
        } catch (TimeoutException e) {
            metrics.llmFallback("timeout");
            call.cancel(true);
            LOG.log(WARNING, "agent: chat " + message.chatId() + " got no answer within " + deadline.toSeconds()
                    + " s; answering without the model");
        } catch (ExecutionException e) {
            metrics.llmFallback(e.getCause() instanceof AuthenticationException ? "key-rejected" : "failed");
            onFailure(message.chatId(), e.getCause());
        } catch (InterruptedException e) {
            metrics.llmFallback("interrupted");
            call.cancel(true);
            Thread.currentThread().interrupt();
        }
        return fallback.answer(message, replier, t.get("agent.unavailable"));
    }

    @Override
    public void reset(long chatId) {
        memories.reset(chatId);
    }

    private void onFailure(long chatId, Throwable error) {
        if (error instanceof AuthenticationException) {
            long until = clock.millis() + REJECTED_PAUSE.toMillis();
            if (rejectedUntilMillis.getAndSet(until) < clock.millis()) {
                LOG.log(ERROR, "the model endpoint rejected OPENAI_API_KEY (" + error.getClass().getSimpleName()
                        + "); answering free text without the model, trying again in "
                        + REJECTED_PAUSE.toMinutes() + " minutes. Commands keep working.");
            }
            return;
        }
        LOG.log(WARNING, "agent: chat " + chatId + " failed: " + error.getClass().getSimpleName()
                + "; answering without the model");
    }

    private void logUsage(long chatId, Result<String> result, long started) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        var usage = result.tokenUsage();
        int calls = result.intermediateResponses() == null ? 1 : result.intermediateResponses().size() + 1;
        result.toolExecutions().forEach(tool -> metrics.llmToolCall(TOOLS.contains(tool.request().name())
                ? tool.request().name() : "unknown"));
        LOG.log(INFO, "agent: chat " + chatId + " " + calls + " model requests, " + result.toolExecutions().size()
                + " tool calls, " + (usage == null ? "?" : usage.inputTokenCount() + " input + "
                + usage.outputTokenCount() + " output tokens") + ", " + millis + " ms");
    }
}
