package dev.weatheragent.store;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a place must be before any store takes it: the same checks for all of them. */
class SavedPlaceTest {

    @Test
    void aPlaceIsAPointOnEarth() {
        assertThrows(IllegalArgumentException.class, () -> new SavedPlace("x", 90.5, 0, "UTC"));
        assertThrows(IllegalArgumentException.class, () -> new SavedPlace("x", 0, -180.5, "UTC"));
        assertThrows(IllegalArgumentException.class, () -> new SavedPlace("x", Double.NaN, 0, "UTC"));
        assertThat(new SavedPlace("x", -90, 180, "UTC").longitude(), is(180.0));
    }

    @Test
    void labelAndTimeZoneAreRequiredAndFitTheColumns() {
        // The databases' columns are NOT NULL; memory would have taken a null and a database refused it later.
        assertThrows(NullPointerException.class, () -> new SavedPlace(null, 0, 0, "UTC"));
        assertThrows(NullPointerException.class, () -> new SavedPlace("x", 0, 0, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SavedPlace("x", 0, 0, "Europe/".repeat(SavedPlace.MAX_TIMEZONE)));
    }

    @Test
    void aLongLabelIsCutToTheMaximumWithAnEllipsis() {
        String cut = new SavedPlace("a".repeat(SavedPlace.MAX_LABEL + 1), 0, 0, "UTC").label();
        assertThat(cut, is("a".repeat(SavedPlace.MAX_LABEL - 1) + "…"));
        assertThat(new SavedPlace("a".repeat(SavedPlace.MAX_LABEL), 0, 0, "UTC").label().length(),
                is(SavedPlace.MAX_LABEL));
    }
}
