package dev.weatheragent.bot;

import org.junit.jupiter.api.Test;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

class TextCleanerTest {

    private static void assertValidUtf16(String s) throws CharacterCodingException {
        // Strict encoding fails on any lone surrogate.
        StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
    }

    @Test
    void nullStaysNull() {
        assertThat(TextCleaner.clean(null), is(nullValue()));
    }

    @Test
    void ordinaryTextIsUnchanged() {
        String text = "/weather Київ\n\tline two, 25 °C — ok “quotes” <b>&amp;";
        assertThat(TextCleaner.clean(text), is(text));
        assertThat(TextCleaner.clean(""), is(""));
    }

    @Test
    void validEmojiAreKept() {
        String text = "🌧 rain 👍🏽 flags 🇺🇦 family 👨‍👩‍👧";
        assertThat(TextCleaner.clean(text), is(text));
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() throws CharacterCodingException {
        String text = "a\uD83Cb\uDF27c\uDF27\uD83Cd";
        String clean = TextCleaner.clean(text);
        assertThat(clean, is("a\uFFFDb\uFFFDc\uFFFD\uFFFDd"));
        assertValidUtf16(clean);
    }

    @Test
    void loneHighSurrogateAtTheEnd() throws CharacterCodingException {
        assertThat(TextCleaner.clean("end\uD83C"), is("end\uFFFD"));
        assertValidUtf16(TextCleaner.clean("end\uD83C"));
    }

    @Test
    void pairNextToALoneSurrogateIsKept() {
        assertThat(TextCleaner.clean("\uD83C\uD83C\uDF27"), is("\uFFFD🌧"));
    }

    @Test
    void controlCharactersGoExceptLineBreaksAndTabs() {
        String text = "a\u0000b\u0007c\u001Bd\r\ne\tf\u007Fg\u0085h\u009Fi";
        assertThat(TextCleaner.clean(text), is("abcd\ne\tfghi"));
    }

    @Test
    void cappedAtTelegramsLimit() {
        assertThat(TextCleaner.MAX_LENGTH, is(4096));
        assertThat(TextCleaner.clean("x".repeat(10_000)), is("x".repeat(4096)));
        assertThat(TextCleaner.clean("x".repeat(4096)), is("x".repeat(4096)));
    }

    @Test
    void capCountsCharactersAfterCleaning() {
        // Removed control characters do not use up the limit.
        String text = "\u0000".repeat(100) + "x".repeat(4096);
        assertThat(TextCleaner.clean(text), is("x".repeat(4096)));
    }

    @Test
    void capNeverSplitsASurrogatePair() throws CharacterCodingException {
        // The pair would start at index 4095 and end past the cap: it is left out whole.
        String text = "x".repeat(4095) + "😀" + "tail";
        String clean = TextCleaner.clean(text);
        assertThat(clean, is("x".repeat(4095)));
        assertValidUtf16(clean);

        String fits = "x".repeat(4094) + "😀" + "tail";
        assertThat(TextCleaner.clean(fits), is("x".repeat(4094) + "😀"));
    }

    @Test
    void manyEmojiAreCappedOnAPairBoundary() throws CharacterCodingException {
        String clean = TextCleaner.clean("😀".repeat(3000));
        assertThat(clean, is("😀".repeat(2048)));
        assertValidUtf16(clean);
    }
}
