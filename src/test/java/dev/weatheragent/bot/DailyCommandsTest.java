package dev.weatheragent.bot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalTime;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The times /daily accepts: 24-hour, colon or dot, leading zero optional. */
class DailyCommandsTest {

    @ParameterizedTest
    @ValueSource(strings = {"7:30", "07:30", "7.30", "07.30"})
    void halfPastSeven(String typed) {
        assertThat(DailyCommands.parse(typed), is(Optional.of(LocalTime.of(7, 30))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0:00", "00:00", "23:59", "21.05"})
    void theWholeDay(String typed) {
        assertThat(DailyCommands.parse(typed).isPresent(), is(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "7:60", "7pm", "7", "730", "7:3", "07:300", "-1:00", "7:30am", "٧:٣٠", ""})
    void notATime(String typed) {
        assertThat(DailyCommands.parse(typed), is(Optional.empty()));
    }
}
