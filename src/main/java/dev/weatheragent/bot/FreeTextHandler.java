package dev.weatheragent.bot;

/**
 * Answers a private message that is not a command. The seam where an LLM agent plugs in; without one the bot
 * replies with a hint to use the commands.
 */
@FunctionalInterface
public interface FreeTextHandler {

    /**
     * Answers the message through the replier.
     *
     * @return the outcome for the log line, like {@code answered}
     */
    String answer(Incoming message, Replier replier);

    /** The handler used when no model is configured: a short hint at the commands. */
    static FreeTextHandler commandHint() {
        return (message, replier) -> replier.reply(Texts.forLanguage(message.languageCode()).get("freeText"))
                ? "hinted" : "undelivered";
    }
}
