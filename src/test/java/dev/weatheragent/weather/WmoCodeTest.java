package dev.weatheragent.weather;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class WmoCodeTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 71, 73, 75, 77, 80, 81, 82, 85,
            86, 95, 96, 99})
    void everyDocumentedCodeHasItsOwnEntry(int code) {
        WmoCode entry = WmoCode.of(code);
        assertThat(entry, is(not(WmoCode.UNKNOWN)));
        assertThat(entry.code(), is(code));
        assertThat(entry.emoji().isBlank(), is(false));
        String english = entry.describe("en");
        String ukrainian = entry.describe("uk");
        assertThat(english.isBlank(), is(false));
        assertThat(ukrainian.isBlank(), is(false));
        assertThat(ukrainian, is(not(english)));
        // Ukrainian descriptions are Cyrillic, English ones Latin.
        assertThat(ukrainian, ukrainian.chars().anyMatch(c -> Character.UnicodeBlock.of(c)
                == Character.UnicodeBlock.CYRILLIC), is(true));
        assertThat(english, english.chars().allMatch(c -> c < 128), is(true));
    }

    @Test
    void documentedCodesMapToDistinctEntries() {
        int[] codes = {0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 71, 73, 75, 77, 80, 81, 82, 85, 86,
                95, 96, 99};
        Set<WmoCode> entries = new HashSet<>();
        Set<String> english = new HashSet<>();
        Set<String> ukrainian = new HashSet<>();
        for (int code : codes) {
            WmoCode entry = WmoCode.of(code);
            entries.add(entry);
            english.add(entry.describe("en"));
            ukrainian.add(entry.describe("uk"));
        }
        assertThat(entries.size(), is(codes.length));
        assertThat(english.size(), is(codes.length));
        assertThat(ukrainian.size(), is(codes.length));
        // Every entry but UNKNOWN is one of the documented codes.
        assertThat(WmoCode.values().length, is(codes.length + 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4, 10, 44, 46, 50, 52, 60, 100, 255, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void unknownCodes(int code) {
        assertThat(WmoCode.of(code), is(WmoCode.UNKNOWN));
    }

    @Test
    void nullIsUnknown() {
        assertThat(WmoCode.of(null), is(WmoCode.UNKNOWN));
    }

    @Test
    void unknownStillDescribesItself() {
        assertThat(WmoCode.UNKNOWN.describe("en"), is("Conditions unknown"));
        assertThat(WmoCode.UNKNOWN.describe("uk"), is("Умови невідомі"));
        assertThat(WmoCode.UNKNOWN.emoji().isBlank(), is(false));
    }

    @Test
    void languagesOtherThanUkrainianGetEnglish() {
        assertThat(WmoCode.RAIN.describe("de"), is("Rain"));
        assertThat(WmoCode.RAIN.describe(null), is("Rain"));
        assertThat(WmoCode.RAIN.describe("uk"), is("Дощ"));
        assertThat(Arrays.stream(WmoCode.values()).map(WmoCode::code).distinct().count(),
                is((long) WmoCode.values().length));
    }
}
