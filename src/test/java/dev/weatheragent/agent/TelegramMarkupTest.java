package dev.weatheragent.agent;

import dev.weatheragent.telegram.Html;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TelegramMarkupTest {

    // ---- the formatting rules ------------------------------------------------------------------------------------

    @Test
    void boldWithAsterisksAndUnderscores() {
        assertThat(TelegramMarkup.toHtml("It is **cold** and __windy__."),
                equalTo("It is <b>cold</b> and <b>windy</b>."));
    }

    @Test
    void italicWithAsteriskAndUnderscore() {
        assertThat(TelegramMarkup.toHtml("a *light* rain, _maybe_ snow"),
                equalTo("a <i>light</i> rain, <i>maybe</i> snow"));
    }

    @Test
    void inlineCode() {
        assertThat(TelegramMarkup.toHtml("Use `/weather Kyiv` now"), equalTo("Use <code>/weather Kyiv</code> now"));
    }

    @Test
    void fencedCodeBecomesPreWithoutTheLanguageAndEscaped() {
        assertThat(TelegramMarkup.toHtml("Example:\n```java\nif (a < b && c) {}\n```\ndone"),
                equalTo("Example:\n<pre>if (a &lt; b &amp;&amp; c) {}</pre>\ndone"));
    }

    @Test
    void httpAndHttpsLinksBecomeAnchors() {
        assertThat(TelegramMarkup.toHtml("See [Open-Meteo](https://open-meteo.com/en/docs?a=1&b=2)"
                        + " or [x](http://a.example)"),
                equalTo("See <a href=\"https://open-meteo.com/en/docs?a=1&amp;b=2\">Open-Meteo</a>"
                        + " or <a href=\"http://a.example\">x</a>"));
    }

    @Test
    void linkUrlsAreNeverRestyled() {
        assertThat(TelegramMarkup.toHtml("[x](https://example.com/_private_/__init__/**s**/*t*)"),
                equalTo("<a href=\"https://example.com/_private_/__init__/**s**/*t*\">x</a>"));
    }

    @Test
    void styleAroundALinkNestsAndStyleAcrossALinkStaysText() {
        assertThat(TelegramMarkup.toHtml("**see [docs](https://example.com)** _or [faq](https://example.com/f)_"),
                equalTo("<b>see <a href=\"https://example.com\">docs</a></b>"
                        + " <i>or <a href=\"https://example.com/f\">faq</a></i>"));
        assertThat(TelegramMarkup.toHtml("**a [b** c](https://example.com)"),
                equalTo("**a <a href=\"https://example.com\">b** c</a>"));
        assertThat(TelegramMarkup.toHtml("**a _b** c_"), equalTo("<b>a _b</b> c_"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[click](javascript:alert(1))", "[click](JAVASCRIPT:alert(1))", "[f](ftp://x.example/a)",
            "[d](data:text/html,hi)", "[rel](/etc/passwd)"})
    void otherLinkSchemesStayText(String markdown) {
        String html = TelegramMarkup.toHtml(markdown);
        assertThat(html, not(containsString("<a")));
        assertThat(Html.toPlainText(html), equalTo(markdown));
        assertValidTelegramHtml(html);
    }

    @Test
    void headingsBecomeBoldLines() {
        assertThat(TelegramMarkup.toHtml("# Kyiv\n### Tomorrow\nRain"), equalTo("<b>Kyiv</b>\n<b>Tomorrow</b>\nRain"));
    }

    @Test
    void bulletsBecomeDots() {
        assertThat(TelegramMarkup.toHtml("Week:\n- Mon sunny\n* Tue rain\n+ Wed snow"),
                equalTo("Week:\n• Mon sunny\n• Tue rain\n• Wed snow"));
    }

    @Test
    void bulletsKeepTheBlankLineBeforeTheListAndTheirIndent() {
        assertThat(TelegramMarkup.toHtml("Tomorrow:\n\n- rain\n  - heavy"), equalTo("Tomorrow:\n\n• rain\n• heavy"));
        assertThat(TelegramMarkup.toHtml("-\nnot a bullet"), equalTo("-\nnot a bullet"));
    }

    @Test
    void strayHtmlCharactersAreEscaped() {
        assertThat(TelegramMarkup.toHtml("5 < 7 & 9 > 3 \"quoted\""),
                equalTo("5 &lt; 7 &amp; 9 &gt; 3 &quot;quoted&quot;"));
    }

    @Test
    void modelWrittenHtmlIsShownAsText() {
        assertThat(TelegramMarkup.toHtml("<script>alert('x')</script> <b>bold</b> <a href=\"https://evil\">x</a>"),
                equalTo("&lt;script&gt;alert('x')&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;"
                        + " &lt;a href=&quot;https://evil&quot;&gt;x&lt;/a&gt;"));
    }

    @Test
    void markupInsideInlineCodeIsNotConverted() {
        assertThat(TelegramMarkup.toHtml("`**a** _b_ *c* [l](https://x.example) # h`"),
                equalTo("<code>**a** _b_ *c* [l](https://x.example) # h</code>"));
    }

    @Test
    void markupInsideFencedCodeIsNotConverted() {
        assertThat(TelegramMarkup.toHtml("```\n# title\n- **a** __b__\n[l](https://x.example) `c`\n```"),
                equalTo("<pre># title\n- **a** __b__\n[l](https://x.example) `c`</pre>"));
    }

    @Test
    void snakeCaseWordsAndUrlsKeepTheirUnderscores() {
        String text = "set max_daily_tokens and see https://example.com/some_path_here?x_y=1 or snake_case_words";
        assertThat(TelegramMarkup.toHtml(text), equalTo(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "  \n\t \n"})
    void nullOrBlankIsEmpty(String blank) {
        assertThat(TelegramMarkup.toHtml(blank), is(emptyString()));
    }

    // ---- every output is valid Telegram HTML ---------------------------------------------------------------------

    static List<String> tricky() {
        return List.of(
                "**unbalanced bold",
                "bold** at the end",
                "**a** **b",
                "***triple***",
                "**bold _italic_ bold**",
                "_italic **bold** italic_",
                "**a _b** c_",
                "_a **b_ c**",
                "*a **b* c**",
                "**see [the docs](https://example.com)** now",
                "**a [b** c](https://example.com)",
                "_a [b_ c](https://example.com)",
                "[x](https://example.com/_private_/x)",
                "[x](https://example.com/__init__)",
                "[x](https://example.com/**star**)",
                "[**x](https://example.com) y**",
                "_x [t](https://example.com/_y)",
                "see https://example.com/a_b_c/_d_ and snake_case_words",
                "__dunder__init__ and __a",
                "# heading with **bold** and `code`",
                "## heading **unclosed",
                "- item with [link](https://example.com?q=1&r=\"2\")\n- item *two*",
                "`unclosed code **bold**",
                "```\nunclosed fence **bold**",
                "```py\nprint(\"<b>\")\n``` after **bold** `x` ```",
                "Погода у **Львові**: _дощ_ 🌧️, +5 °C & вітер > 10 м/с",
                "🌞 **Сонячно** 😎\n\n* вт: 🌧 _дощ_\n* ср: ☀️",
                "<b>model html</b> & <i>more</i> <code>x</code> <pre>y</pre> <a href=\"https://x\">z</a>",
                "line one **bold\nline two** end _it\nalic_",
                "[nested [link](https://a.example)](https://b.example)",
                "&lt; already escaped &amp; &#x41; &nbsp;",
                "*_*_*_ __**__** `` ` `` [](https://x.example) [x]() ** **",
                "1. first\n2. second * star * here\n   - sub _item_\n\n> quote **q**");
    }

    @ParameterizedTest
    @MethodSource("tricky")
    void everyOutputIsValidTelegramHtml(String input) {
        String html = TelegramMarkup.toHtml(input);
        assertValidTelegramHtml(html);
    }

    @ParameterizedTest
    @MethodSource("tricky")
    void noTextIsLost(String input) {
        // Only markup characters may disappear; every letter and digit the model wrote is still shown.
        String shown = Html.toPlainText(TelegramMarkup.toHtml(input));
        String expected = input.replaceAll("\\]\\((https?://[^)\\s]+)\\)", "]")   // a link shows its text
                .replaceAll("(?m)^#+", "")                                           // a heading loses its #
                .replaceAll("```\\w+\\n", "```\n");                                   // a fence its language
        assertThat(lettersAndDigits(shown), equalTo(lettersAndDigits(expected)));
    }

    private static String lettersAndDigits(String text) {
        return text.replaceAll("https?://\\S+", "").replaceAll("[^\\p{L}\\p{N}]", "");
    }

    @Test
    void checkerRejectsInvalidHtml() {
        for (String bad : List.of("<b>x", "x</b>", "<b><i>x</b></i>", "<u>x</u>", "a > b", "a & b", "&nbsp;",
                "<b>a\nb</b>", "<a href=\"https://x\"><a href=\"https://y\">z</a></a>", "<code><b>x</b></code>",
                "<a href=\"javascript:x\">y</a>", "<script>")) {
            assertThrows(AssertionError.class, () -> assertValidTelegramHtml(bad), bad);
        }
        assertValidTelegramHtml("<b>a <i>b</i></b> &lt;&gt;&amp;&quot; <pre>x\ny</pre>"
                + " <a href=\"https://x?a=1&amp;b\">y</a>");
    }

    // ---- the checker ---------------------------------------------------------------------------------------------

    private static final Set<String> TAGS = Set.of("b", "i", "code", "pre", "a");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)((?: href=\"https?://[^\"<>]*\")?)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot);");

    /**
     * Telegram HTML as this bot may produce it: only b, i, code, pre and a (with an http(s) href) tags, properly
     * nested, nothing inside code or pre, no link in a link, no tag but pre open across a line break, and only the
     * entities &lt; &gt; &amp; &quot; (also inside attributes).
     */
    static void assertValidTelegramHtml(String html) {
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                Matcher m = TAG.matcher(html).region(i, html.length());
                if (!m.lookingAt() || !TAGS.contains(m.group(2))) {
                    throw new AssertionError("unsupported tag at " + i + " in: " + html);
                }
                String name = m.group(2);
                boolean closing = !m.group(1).isEmpty();
                if (closing) {
                    if (!m.group(3).isEmpty() || open.isEmpty() || !open.pop().equals(name)) {
                        throw new AssertionError("unmatched </" + name + "> at " + i + " in: " + html);
                    }
                } else {
                    if (name.equals("a") == m.group(3).isEmpty()) {
                        throw new AssertionError("<a> needs an http(s) href, others no attributes, at " + i
                                + " in: " + html);
                    }
                    if (open.contains("code") || open.contains("pre")) {
                        throw new AssertionError("tag inside code/pre at " + i + " in: " + html);
                    }
                    if (name.equals("a") && open.contains("a")) {
                        throw new AssertionError("link in a link at " + i + " in: " + html);
                    }
                    open.push(name);
                }
                checkEntities(m.group(3), html);
                i = m.end();
            } else if (c == '&') {
                Matcher m = ENTITY.matcher(html).region(i, html.length());
                if (!m.lookingAt()) {
                    throw new AssertionError("unsupported entity at " + i + " in: " + html);
                }
                i = m.end();
            } else if (c == '>') {
                throw new AssertionError("unescaped > at " + i + " in: " + html);
            } else {
                if (c == '\n' && !(open.isEmpty() || open.size() == 1 && open.peek().equals("pre"))) {
                    throw new AssertionError("tags " + open + " open across a line break at " + i + " in: " + html);
                }
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new AssertionError("unclosed " + open + " in: " + html);
        }
    }

    private static void checkEntities(String attribute, String html) {
        for (int j = attribute.indexOf('&'); j >= 0; j = attribute.indexOf('&', j + 1)) {
            if (!ENTITY.matcher(attribute).region(j, attribute.length()).lookingAt()) {
                throw new AssertionError("unsupported entity in attribute " + attribute + " in: " + html);
            }
        }
    }
}
