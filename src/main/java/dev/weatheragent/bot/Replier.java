package dev.weatheragent.bot;

/** Where the bot's answer to one message goes: Telegram in production, a terminal or a test elsewhere. */
public interface Replier {

    /** For work that answers otherwise (an inline query): nothing can be sent through it. */
    Replier NOWHERE = new Replier() {
        @Override
        public boolean reply(String html) {
            return false;
        }

        @Override
        public boolean photo(byte[] png, String captionHtml) {
            return false;
        }

        @Override
        public int captionLimit() {
            return 0;
        }
    };

    /**
     * Sends Telegram HTML to the user; long texts are split by the implementation.
     *
     * @return whether the reply was delivered
     */
    boolean reply(String html);

    /**
     * As {@link #reply(String)}, with buttons under the answer; where buttons cannot be shown, the answer alone.
     *
     * @return whether the reply was delivered
     */
    default boolean reply(String html, Keyboard buttons) {
        return reply(html);
    }

    /**
     * Sends a picture with a caption of Telegram HTML (at most {@link #captionLimit()} characters once parsed).
     *
     * @param png the PNG file's bytes
     * @return whether the picture was delivered; when not, the caller answers with text instead
     */
    boolean photo(byte[] png, String captionHtml);

    /**
     * As {@link #photo(byte[], String)}, with buttons under the picture; where buttons cannot be shown, the picture
     * alone.
     */
    default boolean photo(byte[] png, String captionHtml, Keyboard buttons) {
        return photo(png, captionHtml);
    }

    /** The longest caption a picture can carry, in characters of its plain text. */
    int captionLimit();
}
