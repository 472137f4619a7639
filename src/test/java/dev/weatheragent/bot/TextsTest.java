package dev.weatheragent.bot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

class TextsTest {

    private static Properties load(String resource) throws IOException {
        InputStream in = TextsTest.class.getResourceAsStream("/dev/weatheragent/bot/" + resource);
        assertThat(resource, in, notNullValue());
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static long count(String text, String what) {
        return (text.length() - text.replace(what, "").length()) / what.length();
    }

    @Test
    void bothLanguagesHaveExactlyTheSameKeys() throws IOException {
        Set<String> english = new TreeSet<>(load("texts.properties").stringPropertyNames());
        Set<String> ukrainian = new TreeSet<>(load("texts_uk.properties").stringPropertyNames());

        Set<String> onlyEnglish = new TreeSet<>(english);
        onlyEnglish.removeAll(ukrainian);
        Set<String> onlyUkrainian = new TreeSet<>(ukrainian);
        onlyUkrainian.removeAll(english);
        assertThat("keys only in texts.properties", onlyEnglish, is(Set.of()));
        assertThat("keys only in texts_uk.properties", onlyUkrainian, is(Set.of()));
        assertThat(english.size() > 20, is(true));
    }

    @Test
    void translationsTakeTheSameNumberOfArguments() throws IOException {
        Properties english = load("texts.properties");
        Properties ukrainian = load("texts_uk.properties");
        for (String key : english.stringPropertyNames()) {
            String en = english.getProperty(key);
            String uk = ukrainian.getProperty(key);
            long enArgs = count(en, "%s") + count(en, "%d");
            long ukArgs = count(uk, "%s") + count(uk, "%d") + count(uk, "$s") + count(uk, "$d");
            assertThat(key, ukArgs, is(enArgs));
            assertThat(key, count(uk, "<b>"), is(count(uk, "</b>")));
            assertThat(key, count(en, "<b>"), is(count(en, "</b>")));
            assertThat(key, count(uk, "<code>"), is(count(uk, "</code>")));
            assertThat(key, count(en, "<code>"), is(count(en, "</code>")));
        }
    }

    @Test
    void compassHasEightPointsInBothLanguages() {
        assertThat(Texts.forLanguage("en").get("compass").split(",").length, is(8));
        assertThat(Texts.forLanguage("uk").get("compass").split(",").length, is(8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"uk", "uk-UA", "UK", "uk_UA"})
    void ukrainianLanguageCodes(String code) {
        Texts texts = Texts.forLanguage(code);
        assertThat(texts.language(), is("uk"));
        assertThat(texts.locale(), is(Locale.of("uk")));
        assertThat(texts.get("label.today"), is("Сьогодні"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"en", "en-US", "de", "", "ru", "u", "xx-uk"})
    void everythingElseIsEnglish(String code) {
        Texts texts = Texts.forLanguage(code);
        assertThat(texts.language(), is("en"));
        assertThat(texts.get("label.today"), is("Today"));
    }

    @Test
    void ukrainianDefaultLocaleDoesNotTurnEnglishUkrainian() {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.of("uk", "UA"));
            // A cached bundle from an earlier test must not hide a fallback to the default locale.
            ResourceBundle.clearCache();
            Texts english = Texts.forLanguage("en");
            assertThat(english.get("label.today"), is("Today"));
            assertThat(english.get("label.forecastTitle", 3), is("3-day forecast"));
            assertThat(Texts.forLanguage(null).get("label.wind"), is("Wind"));
            assertThat(Texts.forLanguage("uk").get("label.wind"), is("Вітер"));
        } finally {
            Locale.setDefault(original);
            ResourceBundle.clearCache();
        }
    }

    @Test
    void textWithoutArgumentsIsReturnedAsIs() {
        assertThat(Texts.forLanguage("en").get("label.localTime"), is("local time"));
        assertThat(Texts.forLanguage("en").get("weather.usage"), containsString("<code>/weather Kyiv</code>"));
    }

    @Test
    void stringArgumentsAreEscaped() {
        String text = Texts.forLanguage("en").get("notFound", "<b>Tom & \"Jerry\"</b>");
        assertThat(text, containsString("“&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;”"));
        assertThat(text, not(containsString("<b>Tom")));
    }

    @Test
    void rawArgumentsAreNotEscaped() {
        String text = Texts.forLanguage("en").get("units.set", new Texts.Raw("<i>metric</i>"), "°C & mm");
        assertThat(text, is("Units set to <b><i>metric</i></b>: °C &amp; mm."));
    }

    @Test
    void numbersAreFormattedNotEscaped() {
        Texts en = Texts.forLanguage("en");
        assertThat(en.get("label.forecastTitle", 16), is("16-day forecast"));
        assertThat(Texts.forLanguage("uk").get("label.forecastTitle", 5), is("Прогноз на 5 дн."));
    }

    @Test
    void ukrainianPositionalArgumentsLandInTheirPlaces() {
        String text = Texts.forLanguage("uk").get("ambiguous", 3, "Odesa", "a, b", "weather", "Odesa", "Texas");
        assertThat(text, containsString("Знайдено місць «Odesa»: 3;"));
        assertThat(text, containsString("Інші: a, b."));
        assertThat(text, containsString("<code>/weather Odesa, Texas</code>"));
    }

    @Test
    void missingKeyFails() {
        org.junit.jupiter.api.Assertions.assertThrows(java.util.MissingResourceException.class,
                () -> Texts.forLanguage("en").get("no.such.key"));
    }
}
