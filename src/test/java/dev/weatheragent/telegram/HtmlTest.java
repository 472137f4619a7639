package dev.weatheragent.telegram;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class HtmlTest {

    @Test
    void escapesTheSpecialCharacters() {
        assertThat(Html.escape("<b>&\"x\"</b>"), is("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"));
    }

    @Test
    void escapingIsNotIdempotentForEntities() {
        // Already escaped text is escaped again: callers must escape exactly once.
        assertThat(Html.escape("&amp;"), is("&amp;amp;"));
    }

    @Test
    void plainTextAndOtherCharactersAreKept() {
        String text = "Київ 'quoted' 😀 1 + 2 = 3; \n\t";
        assertThat(Html.escape(text), is(text));
    }

    @Test
    void nullEscapesToEmpty() {
        assertThat(Html.escape(null), is(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<b>&\"", "Tom & Jerry <3", "&amp; literally", "&lt;b&gt;", "\"<i>\"&&&<<>>",
            "a < b > c", "R&D \"Київ\" 🌧", ""})
    void escapeThenPlainTextRoundTrips(String text) {
        assertThat(Html.toPlainText(Html.escape(text)), is(text));
    }

    @Test
    void escapedTextContainsNoRawSpecials() {
        String escaped = Html.escape("<b>&\"<script>");
        assertThat(escaped, not(containsString("<")));
        assertThat(escaped, not(containsString(">")));
        assertThat(escaped, not(containsString("\"")));
        assertThat(escaped.replaceAll("&(lt|gt|amp|quot);", ""), not(containsString("&")));
    }

    @Test
    void plainTextDropsTagsAndDecodesEntities() {
        assertThat(Html.toPlainText("<b>Kyiv</b> &lt;3 <a href=\"https://x\">link</a> &quot;q&quot; &amp;lt;"),
                is("Kyiv <3 link \"q\" &lt;"));
    }

    @Test
    void taggedEscapedTextRoundTripsToTheOriginal() {
        String title = "<b>&\"";
        assertThat(Html.toPlainText("<b>" + Html.escape(title) + "</b>"), is(title));
    }
}
