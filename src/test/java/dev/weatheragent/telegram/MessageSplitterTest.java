package dev.weatheragent.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

class MessageSplitterTest {

    private static final Pattern ENTITY_OR_AMP = Pattern.compile("&(lt|gt|amp|quot);|&");

    private static String nonWhitespace(String s) {
        return s.replaceAll("\\s+", "");
    }

    /** The invariants every split must keep, whatever the input. */
    private static void assertWellSplit(String text, int limit, List<String> parts) {
        for (String part : parts) {
            assertThat(part.length(), lessThanOrEqualTo(limit));
            assertThat(part.isBlank(), is(false));
            assertThat(Character.isLowSurrogate(part.charAt(0)), is(false));
            assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1)), is(false));
            // Every & starts a complete entity when the input's did.
            Matcher m = ENTITY_OR_AMP.matcher(part);
            while (m.find()) {
                assertThat("bare & in part: " + part, m.group(1) != null, is(true));
            }
        }
        assertThat(nonWhitespace(String.join("\n", parts)), is(nonWhitespace(text)));
    }

    @Test
    void shortTextIsUntouched() {
        String text = "<b>Kyiv</b>\n  indented line\n\ttab";
        assertThat(MessageSplitter.split(text, 4096), contains(text));
    }

    @Test
    void textOfExactlyTheLimitIsOnePart() {
        String text = "x".repeat(100);
        assertThat(MessageSplitter.split(text, 100), contains(text));
    }

    @Test
    void blankTextGivesNoParts() {
        assertThat(MessageSplitter.split("", 10), is(empty()));
        assertThat(MessageSplitter.split("   \n  ", 10), is(empty()));
    }

    @Test
    void splitsAtTheLastLineBreakThatFits() {
        String text = "aaaa\nbbbb\ncccc\ndddd";
        List<String> parts = MessageSplitter.split(text, 10);
        assertThat(parts, contains("aaaa\nbbbb", "cccc\ndddd"));
    }

    @Test
    void linesOfHtmlStayWhole() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append("<b>Day ").append(i).append("</b>: 1…5 °C, ☀️ Clear &amp; dry\n");
        }
        List<String> parts = MessageSplitter.split(text.toString(), 4096);

        assertThat(parts.size(), greaterThan(1));
        assertWellSplit(text.toString(), 4096, parts);
        for (String part : parts) {
            assertThat(part, startsWith("<b>Day "));
            assertThat(part, endsWith("&amp; dry"));
        }
    }

    @Test
    void overlongLineSplitsAtSpaces() {
        String text = "alpha beta gamma delta epsilon zeta";
        List<String> parts = MessageSplitter.split(text, 12);
        assertThat(parts, contains("alpha beta", "gamma delta", "epsilon zeta"));
    }

    @Test
    void lineBreakIsPreferredOverALaterSpace() {
        List<String> parts = MessageSplitter.split("ab\ncd ef gh ij", 10);
        assertThat(parts.get(0), is("ab"));
        assertWellSplit("ab\ncd ef gh ij", 10, parts);
    }

    @Test
    void lineWithoutSpacesIsHardCutAtTheLimit() {
        String text = "x".repeat(25);
        assertThat(MessageSplitter.split(text, 10), contains("x".repeat(10), "x".repeat(10), "x".repeat(5)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void hardCutNeverFallsInsideAnEntity(int offset) {
        // The entity starts `offset` characters before the limit, so every cut inside it is tried.
        int limit = 20;
        String text = "x".repeat(limit - offset) + "&amp;" + "y".repeat(30);
        List<String> parts = MessageSplitter.split(text, limit);

        assertWellSplit(text, limit, parts);
        assertThat(String.join("", parts), is(text));
    }

    @Test
    void hardCutKeepsAnEntityThatEndsRightAtTheLimit() {
        String text = "x".repeat(15) + "&amp;" + "y".repeat(10);
        assertThat(MessageSplitter.split(text, 20), contains("x".repeat(15) + "&amp;", "y".repeat(10)));
    }

    @Test
    void hardCutOfManyEntities() {
        String text = "&lt;&gt;&amp;&quot;".repeat(300);
        List<String> parts = MessageSplitter.split(text, 4096);
        assertWellSplit(text, 4096, parts);
        assertThat(String.join("", parts), is(text));
    }

    @Test
    void hardCutNeverSplitsASurrogatePair() {
        // "x" * 9 then an emoji at index 9..10: a cut at 10 would split it.
        String text = "x".repeat(9) + "😀" + "y".repeat(5);
        List<String> parts = MessageSplitter.split(text, 10);

        assertThat(parts, contains("x".repeat(9), "😀" + "y".repeat(5)));
    }

    @Test
    void runOfEmojiIsCutBetweenPairs() {
        String text = "🌧".repeat(3000);
        List<String> parts = MessageSplitter.split(text, 4096);

        assertThat(parts, hasSize(2));
        assertThat(parts.get(0).length(), is(4096));
        assertWellSplit(text, 4096, parts);
        assertThat(String.join("", parts), is(text));
    }

    @Test
    void oddLimitWithEmojiAtEveryBoundary() {
        String text = "a" + "😀".repeat(50);
        List<String> parts = MessageSplitter.split(text, 7);
        assertWellSplit(text, 7, parts);
        assertThat(String.join("", parts), is(text));
    }

    @Test
    void randomTextsKeepTheInvariants() {
        Random random = new Random(42);
        String[] pieces = {"a", "word", " ", " ", "\n", "&amp;", "&lt;", "😀", "Київ", "<b>", "</b>", "\n\n"};
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(400);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            int limit = 10 + random.nextInt(60);
            assertWellSplit(text.toString(), limit, MessageSplitter.split(text.toString(), limit));
        }
    }

    @Test
    void telegramLimitConstant() {
        assertThat(MessageSplitter.TELEGRAM_LIMIT, is(4096));
    }
}
