package dev.weatheragent.config;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Level;

/**
 * The validated settings of one bot process. Built once by {@link ConfigLoader}; every value here is usable as is.
 *
 * @param telegramToken       bot token from @BotFather; a secret, never logged
 * @param telegramApiBaseUrl  Bot API root, without the {@code /bot<token>} part
 * @param forecastUrl         Open-Meteo forecast endpoint
 * @param geocodingUrl        Open-Meteo geocoding search endpoint
 * @param healthPort          loopback port of the health endpoints
 * @param allowedChatIds      chats the bot serves; empty means every chat
 * @param logLevel            root log level
 * @param logFormat           text or JSON log lines
 * @param pollTimeout         long-poll timeout of {@code getUpdates}
 * @param shutdownGrace       how long in-flight updates may run after SIGTERM
 * @param sendLimits          whether sending keeps to Telegram's rate limits (off only against test servers)
 * @param messagesPerSecond   Telegram's global send rate for this bot (30 unless it pays for broadcasts)
 * @param openMeteoPerMinute  Open-Meteo calls allowed per minute, users and scheduler together
 * @param agent               the LLM agent for free text
 * @param leaderElection      whether and how replicas elect the one poller
 * @param store               where the chats' settings live
 * @param metrics             whether and where the Prometheus scrape endpoint listens
 */
public record BotConfig(String telegramToken,
                        URI telegramApiBaseUrl,
                        URI forecastUrl,
                        URI geocodingUrl,
                        int healthPort,
                        Set<Long> allowedChatIds,
                        Level logLevel,
                        LogFormat logFormat,
                        Duration pollTimeout,
                        Duration shutdownGrace,
                        boolean sendLimits,
                        int messagesPerSecond,
                        int openMeteoPerMinute,
                        AgentConfig agent,
                        LeaderElectionConfig leaderElection,
                        StoreConfig store,
                        MetricsConfig metrics) {

    public BotConfig {
        allowedChatIds = Set.copyOf(allowedChatIds);
    }

    /** Whether the allowlist admits this chat. */
    public boolean allows(long chatId) {
        return allowedChatIds.isEmpty() || allowedChatIds.contains(chatId);
    }

    @Override
    public String toString() {
        // The token must never reach a log line, even through an accidental toString().
        return "BotConfig[telegramApiBaseUrl=" + telegramApiBaseUrl + ", forecastUrl=" + forecastUrl
                + ", geocodingUrl=" + geocodingUrl + ", healthPort=" + healthPort
                + ", allowedChatIds=" + allowedChatIds + ", logLevel=" + logLevel + ", logFormat=" + logFormat
                + ", pollTimeout=" + pollTimeout + ", shutdownGrace=" + shutdownGrace + ", sendLimits=" + sendLimits
                + ", messagesPerSecond=" + messagesPerSecond + ", openMeteoPerMinute=" + openMeteoPerMinute
                + ", agent=" + agent
                + ", leaderElection=" + leaderElection + ", store=" + store + ", metrics=" + metrics + "]";
    }
}
