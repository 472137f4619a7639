package dev.weatheragent.weather;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PlaceTest {

    private static Place place(String name, String admin1, String country) {
        return new Place(1, name, admin1, country, "UA", 50.45, 30.52, "Europe/Kyiv", 2_800_000);
    }

    @Test
    void fullLabel() {
        assertThat(place("Lviv", "Lviv Oblast", "Ukraine").label(), is("Lviv, Lviv Oblast, Ukraine"));
    }

    @Test
    void missingRegionIsLeftOut() {
        assertThat(place("Kyiv", null, "Ukraine").label(), is("Kyiv, Ukraine"));
    }

    @Test
    void regionEqualToTheNameIsLeftOut() {
        assertThat(place("Kyiv", "Kyiv", "Ukraine").label(), is("Kyiv, Ukraine"));
        assertThat(place("Kyiv", " Kyiv ", "Ukraine").label(), is("Kyiv, Ukraine"));
    }

    @Test
    void blankPartsAreLeftOut() {
        assertThat(place("Kyiv", "  ", "").label(), is("Kyiv"));
        assertThat(place("Kyiv", "", null).label(), is("Kyiv"));
        assertThat(place("Kyiv", "\t", "Ukraine").label(), is("Kyiv, Ukraine"));
    }

    @Test
    void partsAreStripped() {
        assertThat(place(" Odesa ", " Odesa Oblast", "Ukraine\n").label(), is("Odesa, Odesa Oblast, Ukraine"));
    }

    @Test
    void countryEqualToTheNameIsLeftOut() {
        assertThat(place("Singapore", null, "Singapore").label(), is("Singapore"));
    }

    @Test
    void missingNameStillLabelsTheRest() {
        assertThat(place(null, "Texas", "United States").label(), is("Texas, United States"));
        assertThat(place(null, null, null).label(), is(""));
    }
}
