package dev.weatheragent.weather;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PlaceQueryTest {

    @Test
    void aNameAloneHasNoQualifiers() {
        assertThat(PlaceQuery.parse("  Kyiv "), is(new PlaceQuery("Kyiv", List.of())));
    }

    @Test
    void everyPartAfterACommaIsAQualifier() {
        assertThat(PlaceQuery.parse("Springfield, IL, US"), is(new PlaceQuery("Springfield", List.of("IL", "US"))));
        assertThat(PlaceQuery.parse("Portland,Oregon ,  USA"),
                is(new PlaceQuery("Portland", List.of("Oregon", "USA"))));
    }

    @Test
    void aQualifierKeepsItsDotsAndInnerSpaces() {
        assertThat(PlaceQuery.parse("Washington, D.C."), is(new PlaceQuery("Washington", List.of("D.C."))));
        assertThat(PlaceQuery.parse("Paris, Ile de France"),
                is(new PlaceQuery("Paris", List.of("Ile de France"))));
    }

    @Test
    void emptyAndPunctuationOnlyPartsAreDropped() {
        assertThat(PlaceQuery.parse("London,"), is(new PlaceQuery("London", List.of())));
        assertThat(PlaceQuery.parse("London, , ..., UK"), is(new PlaceQuery("London", List.of("UK"))));
    }

    @Test
    void aLeadingCommaLeavesTheNameEmpty() {
        assertThat(PlaceQuery.parse(", UK"), is(new PlaceQuery("", List.of("UK"))));
    }

    @Test
    void cyrillicQualifiersAreKept() {
        assertThat(PlaceQuery.parse("Львів, Україна"), is(new PlaceQuery("Львів", List.of("Україна"))));
    }
}
