package dev.weatheragent.agent;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import dev.langchain4j.service.memory.ChatMemoryAccess;

/** The LLM agent as LangChain4j builds it: one conversation per chat, tools from {@link WeatherTools}. */
interface WeatherAssistant extends ChatMemoryAccess {

    /**
     * Answers one user message in the chat's conversation.
     *
     * @param chatId   the chat; its memory and unit choice
     * @param message  the user's text
     * @param now      current UTC time, ISO-8601, so "today" and "tonight" can be resolved
     * @param language the user's Telegram language code, a hint for the reply language
     */
    @SystemMessage(fromResource = "/dev/weatheragent/agent/system-prompt.txt")
    Result<String> chat(@MemoryId long chatId, @UserMessage String message, @V("now") String now,
                        @V("language") String language);
}
