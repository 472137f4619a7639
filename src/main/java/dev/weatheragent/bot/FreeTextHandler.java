package dev.weatheragent.bot;

/**
 * Answers a private message that is not a command. The seam where the LLM agent plugs in; without one the bot
 * replies with a hint to use the commands.
 */
public interface FreeTextHandler {

    /**
     * Answers the message through the replier.
     *
     * @param fallback the deterministic answer to give when the handler cannot: the weather for a place named in the
     *                 text, or an apology with the command hint
     * @return the outcome for the log line, like {@code answered}
     */
    String answer(Incoming message, Replier replier, Fallback fallback);

    /** Forgets what the handler remembers of the chat (the /reset command). */
    void reset(long chatId);

    /** The bot's deterministic answer to free text. */
    @FunctionalInterface
    interface Fallback {
        /**
         * Replies without a model; {@code noteHtml} (may be empty) says why the assistant did not answer.
         *
         * @return the outcome for the log line
         */
        String answer(Incoming message, Replier replier, String noteHtml);
    }

    /** The handler used when no model is configured: a short hint at the commands. */
    static FreeTextHandler commandHint() {
        return new FreeTextHandler() {
            @Override
            public String answer(Incoming message, Replier replier, Fallback fallback) {
                return replier.reply(Texts.forLanguage(message.languageCode()).get("freeText")) ? "hinted"
                        : "undelivered";
            }

            @Override
            public void reset(long chatId) {
                // nothing is remembered without a model
            }
        };
    }
}
