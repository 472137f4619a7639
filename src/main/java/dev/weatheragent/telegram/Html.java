package dev.weatheragent.telegram;

import java.util.regex.Pattern;

/** Telegram's HTML parse mode: escaping of untrusted text, and the way back to plain text. */
public final class Html {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private Html() {
    }

    /** Escapes the three characters Telegram's HTML parser treats specially; safe for text and attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** What the user would have seen: tags dropped, the entities Telegram supports decoded. */
    public static String toPlainText(String html) {
        return TAG.matcher(html).replaceAll("")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
    }
}
