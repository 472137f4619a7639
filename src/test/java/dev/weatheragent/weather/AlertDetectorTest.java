package dev.weatheragent.weather;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.weatheragent.weather.AlertHoursBuilder.NOW;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/** Each kind of alert-worthy weather, its lead time and thresholds in both unit systems; fixed instants only. */
class AlertDetectorTest {

    /** 12:20 in Kyiv (UTC+2) on a winter day. */
    private static final Instant CHECK = Instant.parse("2026-01-15T10:20:00Z");
    private static final int KYIV_WINTER = 7200;

    private final AlertDetector detector = new AlertDetector();

    private AlertHoursBuilder hours() {
        return new AlertHoursBuilder(CHECK, KYIV_WINTER);
    }

    private List<WeatherSpell> detect(AlertHoursBuilder data, Units units) {
        return detector.detect(data.build(), CHECK, units);
    }

    private List<WeatherSpell> detect(AlertHoursBuilder data) {
        return detect(data, Units.METRIC);
    }

    @Test
    void mildDryCalmWeatherIsNoAlert() {
        assertThat(detect(hours()), is(empty()));
    }

    @Test
    void rainStartingWithinTwoHoursWhileDryNowIsOneSpellWithItsHoursAndAmount() {
        AlertHoursBuilder data = hours().rain(NOW + 1, NOW + 3, 1.5);

        WeatherSpell rain = detect(data).getFirst();

        assertThat(rain.kind(), is(AlertKind.PRECIPITATION));
        assertThat(rain.precipitation(), is(WeatherSpell.Precipitation.RAIN));
        assertThat("from the start of the first wet hour", rain.start(), is(data.end(NOW)));
        assertThat(rain.end(), is(data.end(NOW + 3)));
        assertThat(rain.ongoing(), is(false));
        assertThat(rain.severe(), is(false));
        assertThat(rain.value(), closeTo(4.5, 1e-9));
    }

    @Test
    void rainFurtherAheadThanTwoHoursIsNotYetAnAlert() {
        assertThat(detect(hours().rain(NOW + 3, NOW + 5, 1)), is(empty()));
        assertThat(detect(hours().rain(NOW + 2, NOW + 5, 1)).getFirst().start(), is(hours().end(NOW + 1)));
    }

    @Test
    void rainThatFallsNowIsOngoingAndDrizzleBelowATenthIsDry() {
        assertThat(detect(hours().rain(NOW, NOW + 2, 1)).getFirst().ongoing(), is(true));
        assertThat(detect(hours().rain(NOW + 1, NOW + 2, 0.05)), is(empty()));
    }

    @Test
    void snowAndFreezingRainAreToldApartAndFreezingRainIsSevere() {
        WeatherSpell snow = detect(hours().snow(NOW + 1, NOW + 2, 1)).getFirst();
        assertThat(snow.precipitation(), is(WeatherSpell.Precipitation.SNOW));
        assertThat(snow.severe(), is(false));

        WeatherSpell freezing = detect(hours().rain(NOW + 1, NOW + 2, 1).code(NOW + 2, NOW + 2, 67)).getFirst();
        assertThat(freezing.precipitation(), is(WeatherSpell.Precipitation.FREEZING_RAIN));
        assertThat(freezing.severe(), is(true));
    }

    @Test
    void aThunderstormWithinThreeHoursIsSevere() {
        List<WeatherSpell> spells = detect(hours().code(NOW + 3, NOW + 4, 95));

        assertThat(spells.stream().map(WeatherSpell::kind).toList(), contains(AlertKind.THUNDERSTORM));
        assertThat(spells.getFirst().severe(), is(true));
        assertThat(detect(hours().code(NOW + 4, NOW + 4, 99)), is(empty()));
    }

    @Test
    void gustsFromSixtyKilometresAnHourAndSevereFromNinety() {
        assertThat(detect(hours().gusts(NOW + 1, NOW + 1, 59.9)), is(empty()));
        WeatherSpell gusts = detect(hours().gusts(NOW + 1, NOW + 2, 60).gusts(NOW + 2, NOW + 2, 75)).getFirst();
        assertThat(gusts.kind(), is(AlertKind.GUSTS));
        assertThat(gusts.value(), is(75.0));
        assertThat(gusts.severe(), is(false));
        assertThat(detect(hours().gusts(NOW, NOW, 90)).getFirst().severe(), is(true));
    }

    @Test
    void imperialThresholdsAreThirtySevenAndFiftySixMilesAnHourEightySixAndThirtyTwoDegrees() {
        assertThat(detect(hours().temperature(0, 47, 50).gusts(NOW + 1, NOW + 1, 36.9), Units.IMPERIAL), is(empty()));
        assertThat(detect(hours().temperature(0, 47, 50).gusts(NOW + 1, NOW + 1, 37), Units.IMPERIAL).getFirst()
                .severe(), is(false));
        assertThat(detect(hours().temperature(0, 47, 50).gusts(NOW + 1, NOW + 1, 56), Units.IMPERIAL).getFirst()
                .severe(), is(true));
        assertThat(detect(hours().temperature(0, 47, 50).temperature(NOW + 2, NOW + 2, 86), Units.IMPERIAL)
                .getFirst().kind(), is(AlertKind.HEAT));
        assertThat(detect(hours().temperature(0, 47, 50).temperature(NOW + 5, NOW + 6, 31), Units.IMPERIAL)
                .getFirst().kind(), is(AlertKind.FROST));
        assertThat("0.004 inch is wet", detect(hours().temperature(0, 47, 50).rain(NOW + 1, NOW + 1, 0.004),
                Units.IMPERIAL).getFirst().kind(), is(AlertKind.PRECIPITATION));
        assertThat("60 °F is not heat, 34 °F no frost", detect(hours().temperature(0, 47, 34)
                .temperature(NOW + 1, NOW + 1, 60), Units.IMPERIAL), is(empty()));
    }

    @Test
    void frostAfterAFrostFreeDayAndNotAfterAFrostyNight() {
        WeatherSpell frost = detect(hours().temperature(NOW + 8, NOW + 12, -3).temperature(NOW + 10, NOW + 10, -4))
                .getFirst();
        assertThat(frost.kind(), is(AlertKind.FROST));
        assertThat(frost.value(), is(-4.0));

        assertThat("frost within the day before", detect(hours().temperature(NOW - 10, NOW - 8, -1)
                .temperature(NOW + 8, NOW + 12, -3)), is(empty()));
        assertThat("more than twelve hours ahead", detect(hours().temperature(NOW + 13, NOW + 14, -3)), is(empty()));
    }

    @Test
    void heatFromThirtyDegreesWithItsPeak() {
        WeatherSpell heat = detect(hours().temperature(NOW + 2, NOW + 6, 31).temperature(NOW + 4, NOW + 4, 34))
                .getFirst();
        assertThat(heat.kind(), is(AlertKind.HEAT));
        assertThat(heat.value(), is(34.0));
        assertThat(detect(hours().temperature(NOW + 2, NOW + 6, 29.9)), is(empty()));
    }

    @Test
    void severalKindsAtOnceAreOneSpellEach() {
        List<WeatherSpell> spells = detect(hours().rain(NOW + 1, NOW + 3, 3).code(NOW + 2, NOW + 2, 95)
                .gusts(NOW + 2, NOW + 2, 70));

        assertThat(spells.stream().map(WeatherSpell::kind).toList(),
                contains(AlertKind.PRECIPITATION, AlertKind.THUNDERSTORM, AlertKind.GUSTS));
    }

    @Test
    void hoursAreReadAtTheAnswersOffsetWhateverTheZone() {
        AlertHoursBuilder summer = new AlertHoursBuilder(CHECK, 3 * 3600).rain(NOW + 1, NOW + 1, 1);

        assertThat(detector.detect(summer.build(), CHECK, Units.METRIC).getFirst().start(), is(summer.end(NOW)));
    }
}
