package dev.weatheragent.agent;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import dev.weatheragent.metrics.BotMetrics;

/**
 * Logs the token usage of every model request (never the text), charges it to the daily budget and counts requests
 * and tokens in the metrics.
 */
final class UsageListener implements ChatModelListener {

    private static final System.Logger LOG = System.getLogger(UsageListener.class.getName());

    private final TokenBudget budget;
    private final BotMetrics metrics;

    UsageListener(TokenBudget budget, BotMetrics metrics) {
        this.budget = budget;
        this.metrics = metrics;
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        metrics.llmRequest(true);
        TokenUsage usage = context.chatResponse().tokenUsage();
        if (usage == null) {
            return;
        }
        int total = usage.totalTokenCount() == null ? 0 : usage.totalTokenCount();
        budget.spend(total);
        metrics.llmTokens(usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
        LOG.log(System.Logger.Level.DEBUG, "model request: " + usage.inputTokenCount() + " input + "
                + usage.outputTokenCount() + " output tokens; " + budget.usedToday() + " tokens today");
    }

    @Override
    public void onError(ChatModelErrorContext context) {
        metrics.llmRequest(false);
    }
}
