package dev.weatheragent.agent;

import dev.weatheragent.telegram.Html;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a model's answer into Telegram HTML that Telegram always accepts. Everything is escaped first, so stray
 * {@code <}, {@code &} or model-written HTML show up as text; then the common Markdown the models write anyway
 * ({@code **bold**}, {@code _italic_}, {@code `code`}, fenced blocks, {@code [text](https://...)}, headings,
 * bullets) becomes the matching tags. Each rule produces balanced tags within one line or one block, so splitting at
 * line breaks keeps the HTML valid.
 */
public final class TelegramMarkup {

    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z0-9_+-]*\\n?(.*?)```", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*\\n]+?)\\*\\*|__([^_\\n]+?)__");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w*])\\*([^*\\n]+?)\\*(?![\\w*])|(?<!\\w)_([^_\\n]+?)_(?!\\w)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]+)]\\((https?://[^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+)$");
    private static final Pattern BULLET = Pattern.compile("(?m)^[ \\t]*[-*+][ \\t]+");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)[^<>]*>");

    private TelegramMarkup() {
    }

    /** Safe Telegram HTML for the model's text. */
    public static String toHtml(String modelText) {
        if (modelText == null || modelText.isBlank()) {
            return "";
        }
        String text = Html.escape(modelText.strip());
        // Code first, so that markup characters inside code stay as they are.
        StringBuilder out = new StringBuilder();
        Matcher fence = FENCE.matcher(text);
        int last = 0;
        while (fence.find()) {
            out.append(inline(text.substring(last, fence.start())));
            out.append("<pre>").append(fence.group(1).strip()).append("</pre>");
            last = fence.end();
        }
        out.append(inline(text.substring(last)));
        return out.toString();
    }

    private static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher code = CODE.matcher(text);
        int last = 0;
        while (code.find()) {
            out.append(styles(text.substring(last, code.start())));
            out.append("<code>").append(code.group(1)).append("</code>");
            last = code.end();
        }
        out.append(styles(text.substring(last)));
        return out.toString();
    }

    private static String styles(String text) {
        String result = HEADING.matcher(text).replaceAll("<b>$1</b>");
        result = BULLET.matcher(result).replaceAll("• ");
        result = LINK.matcher(result).replaceAll(m -> Matcher.quoteReplacement(
                "<a href=\"" + m.group(2) + "\">" + m.group(1) + "</a>"));
        result = wrap(BOLD, result, "b");
        return wrap(ITALIC, result, "i");
    }

    /**
     * Puts each match's text into the tag, except where that would break the HTML: a match starting inside a tag
     * (a link's URL) or one whose text opens or closes a tag it does not contain whole (bold crossing a link or an
     * italic) stays as the model wrote it.
     */
    private static String wrap(Pattern pattern, String html, String tag) {
        return pattern.matcher(html).replaceAll(m -> {
            String inner = m.group(1) != null ? m.group(1) : m.group(2);
            boolean insideTag = html.lastIndexOf('<', m.start()) > html.lastIndexOf('>', m.start());
            return Matcher.quoteReplacement(insideTag || !balanced(inner)
                    ? m.group() : "<" + tag + ">" + inner + "</" + tag + ">");
        });
    }

    /** Whether the tags in this piece of our HTML are whole and properly nested (text is escaped: {@code <} is a tag). */
    private static boolean balanced(String html) {
        String text = TAG.matcher(html).replaceAll("");
        if (text.indexOf('<') >= 0 || text.indexOf('>') >= 0) {
            return false;
        }
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            if (tag.group(1).isEmpty()) {
                open.push(tag.group(2));
            } else if (open.isEmpty() || !open.pop().equals(tag.group(2))) {
                return false;
            }
        }
        return open.isEmpty();
    }
}
