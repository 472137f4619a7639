package dev.weatheragent.bot;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

class PlaceGuessesTest {

    @Test
    void capitalisedPairComesFirst() {
        var guesses = PlaceGuesses.in("Will it rain in New York tomorrow?");
        assertThat(guesses, not(empty()));
        assertThat(guesses.getFirst(), equalTo("New York"));
    }

    @Test
    void inflectedUkrainianNameAlsoWithoutItsEnding() {
        var guesses = PlaceGuesses.in("чи буде дощ у Львові завтра?");
        assertThat(guesses, hasItems("Львові", "Львов"));
        assertThat(guesses.getFirst(), equalTo("Львові"));
    }

    @Test
    void atMostFiveGuesses() {
        var guesses = PlaceGuesses.in("Weather for Paris London Berlin Madrid Vienna Prague Warsaw Odesa Kharkiv");
        assertThat(guesses, hasSize(lessThanOrEqualTo(PlaceGuesses.MAX)));
        assertThat(guesses, hasSize(5));
        assertThat(PlaceGuesses.MAX, is(5));
    }

    @Test
    void lowerCaseOnlyTextHasNoGuesses() {
        assertThat(PlaceGuesses.in("will it rain tomorrow in the city?"), is(empty()));
        assertThat(PlaceGuesses.in("чи буде дощ завтра у львові?"), is(empty()));
    }

    @Test
    void nullHasNoGuesses() {
        assertThat(PlaceGuesses.in(null), is(empty()));
    }
}
