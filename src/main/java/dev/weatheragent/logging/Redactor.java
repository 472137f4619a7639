package dev.weatheragent.logging;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it leaves the process. The configured secrets are replaced verbatim; anything
 * shaped like a bot token is replaced too, so a token from another source (a URL in a library's exception) is caught.
 */
public final class Redactor {

    private static final Pattern TOKEN_SHAPE = Pattern.compile("\\d{5,20}:[A-Za-z0-9_-]{30,100}");
    private static final String MASK = "***";

    private final List<String> secrets;

    public Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
    }

    /** The text with every secret masked; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return TOKEN_SHAPE.matcher(result).replaceAll(MASK);
    }
}
