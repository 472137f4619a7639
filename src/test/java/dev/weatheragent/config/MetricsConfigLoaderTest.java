package dev.weatheragent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code METRICS_PORT} and {@code METRICS_HOST}: off by default, never the health port. */
class MetricsConfigLoaderTest {

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_");
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    private static List<String> problems(String... keyValues) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(env(keyValues))).problems();
    }

    @Test
    void offUnlessAPortIsSet() throws ConfigException {
        MetricsConfig metrics = ConfigLoader.load(env()).metrics();
        assertThat(metrics.enabled(), is(false));
        assertThat(metrics.host(), equalTo("0.0.0.0"));
        assertThat(ConfigLoader.load(env("METRICS_PORT", " ", "METRICS_HOST", "127.0.0.1")).metrics().enabled(),
                is(false));
    }

    @Test
    void aPortAndAHost() throws ConfigException {
        MetricsConfig metrics = ConfigLoader.load(env("METRICS_PORT", "9464", "METRICS_HOST", "::")).metrics();
        assertThat(metrics.port(), equalTo(OptionalInt.of(9464)));
        assertThat(metrics.host(), equalTo("::"));
        assertThat(ConfigLoader.load(env("METRICS_PORT", "9464")).metrics().host(), equalTo("0.0.0.0"));
    }

    @Test
    void refusesTheHealthPort() {
        assertThat(problems("METRICS_PORT", "8081"), contains("METRICS_PORT must differ from HEALTH_PORT (8081): the"
                + " health endpoints keep their port on 127.0.0.1 to themselves"));
        assertThat(problems("METRICS_PORT", "9000", "HEALTH_PORT", "9000"), contains("METRICS_PORT must differ"
                + " from HEALTH_PORT (9000): the health endpoints keep their port on 127.0.0.1 to themselves"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "metrics", "9464x"})
    void refusesAPortOutOfRange(String port) {
        assertThat(problems("METRICS_PORT", port), contains("METRICS_PORT must be a whole number from 1 to 65535, got \""
                + port + "\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://0.0.0.0", "0.0.0.0 8080", "host/path", "a;b"})
    void refusesAHostThatIsNoAddress(String host) {
        assertThat(problems("METRICS_PORT", "9464", "METRICS_HOST", host), contains("METRICS_HOST must be an"
                + " address or host name to listen on, like 0.0.0.0 or ::, got \"" + host + "\""));
    }
}
