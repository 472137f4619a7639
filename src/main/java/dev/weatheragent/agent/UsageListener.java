package dev.weatheragent.agent;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;

/** Logs the token usage of every model request (never the text) and charges it to the daily budget. */
final class UsageListener implements ChatModelListener {

    private static final System.Logger LOG = System.getLogger(UsageListener.class.getName());

    private final TokenBudget budget;

    UsageListener(TokenBudget budget) {
        this.budget = budget;
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        TokenUsage usage = context.chatResponse().tokenUsage();
        if (usage == null) {
            return;
        }
        int total = usage.totalTokenCount() == null ? 0 : usage.totalTokenCount();
        budget.spend(total);
        LOG.log(System.Logger.Level.DEBUG, "model request: " + usage.inputTokenCount() + " input + "
                + usage.outputTokenCount() + " output tokens; " + budget.usedToday() + " tokens today");
    }
}
