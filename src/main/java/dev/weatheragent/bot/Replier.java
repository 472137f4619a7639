package dev.weatheragent.bot;

/** Where the bot's answer to one message goes: Telegram in production, a terminal or a test elsewhere. */
@FunctionalInterface
public interface Replier {

    /**
     * Sends Telegram HTML to the user; long texts are split by the implementation.
     *
     * @return whether the reply was delivered
     */
    boolean reply(String html);
}
