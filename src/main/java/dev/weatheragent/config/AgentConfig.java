package dev.weatheragent.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the LLM agent that answers free text. Without an API key the bot runs commands-only.
 *
 * @param apiKey             key for the OpenAI-compatible endpoint; a secret, never logged
 * @param baseUrl            OpenAI-compatible API root, e.g. {@code https://api.openai.com/v1} or Ollama's
 *                           {@code http://localhost:11434/v1}
 * @param model              chat model name
 * @param timeout            how long one model request may take
 * @param airQualityUrl      Open-Meteo air-quality endpoint used by the agent's tools
 * @param dailyTokenBudget   tokens all chats may use per UTC day; 0 means no budget
 * @param requestsPerChatPerHour  model requests one chat may cause per hour
 */
public record AgentConfig(Optional<String> apiKey, URI baseUrl, String model, Duration timeout, URI airQualityUrl,
                          long dailyTokenBudget, int requestsPerChatPerHour) {

    /** Whether free text goes to the model. */
    public boolean enabled() {
        return apiKey.isPresent();
    }

    @Override
    public String toString() {
        return "AgentConfig[apiKey=" + (apiKey.isPresent() ? "***" : "none") + ", baseUrl=" + baseUrl
                + ", model=" + model + ", timeout=" + timeout + ", airQualityUrl=" + airQualityUrl
                + ", dailyTokenBudget=" + dailyTokenBudget + ", requestsPerChatPerHour=" + requestsPerChatPerHour + "]";
    }
}
