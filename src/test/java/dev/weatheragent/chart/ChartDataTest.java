package dev.weatheragent.chart;

import dev.weatheragent.weather.HourlyForecast;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChartDataTest {

    /** 2026-11-28 10:30 UTC: 23:30 on the 28th in Samoa (UTC+13), 23:30 on the 27th in American Samoa (UTC-11). */
    private static final Instant NOW = Instant.parse("2026-11-28T10:30:00Z");

    @Test
    void daysAreThePlacesOwnFromItsTodayOnBothSidesOfTheDateLine() {
        ChartData apia = ChartData.of(Forecasts.typical("Pacific/Apia", LocalDate.of(2026, 11, 28), 25), 3,
                Units.METRIC, NOW);
        assertThat(apia.days(), equalTo(List.of(LocalDate.of(2026, 11, 28), LocalDate.of(2026, 11, 29),
                LocalDate.of(2026, 11, 30))));
        assertThat(apia.localNow(), equalTo(LocalDateTime.of(2026, 11, 28, 23, 30)));
        assertThat(apia.hours(), hasSize(72));
        assertThat(apia.hours().getFirst().time(), equalTo(LocalDateTime.of(2026, 11, 28, 0, 0)));

        ChartData pagoPago = ChartData.of(Forecasts.typical("Pacific/Pago_Pago", LocalDate.of(2026, 11, 27), 25), 2,
                Units.METRIC, NOW);
        assertThat(pagoPago.days(), equalTo(List.of(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 28))));
        assertThat(pagoPago.localNow(), equalTo(LocalDateTime.of(2026, 11, 27, 23, 30)));
        assertThat(pagoPago.start(), equalTo(LocalDateTime.of(2026, 11, 27, 0, 0)));
        assertThat(pagoPago.end(), equalTo(LocalDateTime.of(2026, 11, 29, 0, 0)));
    }

    @Test
    void yesterdayInAForecastThatStartedBeforeLocalMidnightIsLeftOut() {
        // A forecast cached just before midnight in Kyiv (UTC+2) and charted just after it.
        HourlyForecast cached = Forecasts.typical("Europe/Kyiv", LocalDate.of(2026, 11, 27), 5);
        ChartData data = ChartData.of(cached, 7, Units.METRIC, Instant.parse("2026-11-27T22:05:00Z"));
        assertThat(data.days().getFirst(), equalTo(LocalDate.of(2026, 11, 28)));
        assertThat("only what the forecast still holds", data.days(), hasSize(6));
        assertThat(data.hours().stream().map(h -> h.time().toLocalDate().isBefore(LocalDate.of(2026, 11, 28)))
                .toList(), everyItem(is(false)));
    }

    @Test
    void missingAndNonFiniteValuesBecomeGapsAndBadTimesAreSkipped() {
        HourlyForecast f = Forecasts.hourly("UTC", LocalDate.of(2026, 11, 28), 1,
                i -> i == 3 ? null : i == 4 ? Double.NaN : (double) i, i -> 0.0, i -> i == 5 ? null : 0);
        List<String> times = new ArrayList<>(f.hourly().time());
        times.set(6, "not a time");
        HourlyForecast broken = new HourlyForecast(0, 0, "UTC", 0, new HourlyForecast.Hourly(times,
                f.hourly().temperature(), f.hourly().apparentTemperature(), f.hourly().precipitationProbability(),
                f.hourly().precipitation(), f.hourly().weatherCode(), f.hourly().windSpeed()));
        ChartData data = ChartData.of(broken, 1, Units.METRIC, Instant.parse("2026-11-28T01:00:00Z"));
        assertThat(data.hours(), hasSize(23));
        assertThat(data.hours().get(3).temperature(), is(nullValue()));
        assertThat(data.hours().get(4).temperature(), is(nullValue()));
        assertThat(data.hours().get(5).probability(), is(nullValue()));
    }

    @Test
    void anOutOfDateOrEmptyForecastCannotBeCharted() {
        HourlyForecast old = Forecasts.typical("UTC", LocalDate.of(2026, 11, 1), 5);
        assertThrows(IllegalArgumentException.class, () -> ChartData.of(old, 3, Units.METRIC, NOW));
        HourlyForecast empty = new HourlyForecast(0, 0, "UTC", 0, new HourlyForecast.Hourly(List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> ChartData.of(empty, 3, Units.METRIC, NOW));
        assertThrows(IllegalArgumentException.class, () -> ChartData.of(old, 0, Units.METRIC, NOW));
    }

    @Test
    void anUnknownZoneNameFallsBackToTheOffsetOpenMeteoGave() {
        HourlyForecast f = Forecasts.typical("Asia/Kolkata", LocalDate.of(2026, 11, 28), 20);
        HourlyForecast unnamed = new HourlyForecast(0, 0, "GMT+5:30 (unknown)", 19_800, f.hourly());
        ChartData data = ChartData.of(unnamed, 1, Units.METRIC, Instant.parse("2026-11-27T19:00:00Z"));
        assertThat(data.localNow(), equalTo(LocalDateTime.of(2026, 11, 28, 0, 30)));
        assertThat(data.days(), equalTo(List.of(LocalDate.of(2026, 11, 28))));
    }
}
