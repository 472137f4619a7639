package dev.weatheragent.bot;

/**
 * Makes user text safe to process and to quote back: unpaired UTF-16 surrogates become U+FFFD (Jackson would
 * otherwise write JSON Telegram rejects), control characters other than line breaks and tabs go, and the length is
 * capped at Telegram's own message limit.
 */
public final class TextCleaner {

    static final int MAX_LENGTH = 4096;

    private TextCleaner() {
    }

    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out.length() + 2 > MAX_LENGTH) {
                    break;
                }
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                continue;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
