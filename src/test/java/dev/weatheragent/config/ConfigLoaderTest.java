package dev.weatheragent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigLoaderTest {

    /** Shaped like a real token: bot id, colon, 35 URL-safe characters. */
    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_";

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    private static List<String> problems(Map<String, String> env) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(env));
        assertThat(e.problems(), not(empty()));
        for (String problem : e.problems()) {
            assertThat(problem, not(containsString(TOKEN)));
            assertThat(problem, not(containsString("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")));
        }
        assertThat(e.getMessage(), not(containsString("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")));
        return e.problems();
    }

    private static void assertOneProblemNaming(Map<String, String> env, String variable) {
        List<String> problems = problems(env);
        assertThat(problems, hasSize(1));
        assertThat(problems.get(0), startsWith(variable + " "));
    }

    @Test
    void onlyTheTokenGivesEveryDefault() throws ConfigException {
        BotConfig config = ConfigLoader.load(Map.of("TELEGRAM_BOT_TOKEN", TOKEN));

        assertThat(config.telegramToken(), is(TOKEN));
        assertThat(config.telegramApiBaseUrl(), is(URI.create("https://api.telegram.org")));
        assertThat(config.forecastUrl(), is(URI.create("https://api.open-meteo.com/v1/forecast")));
        assertThat(config.geocodingUrl(), is(URI.create("https://geocoding-api.open-meteo.com/v1/search")));
        assertThat(config.healthPort(), is(8081));
        assertThat(config.allowedChatIds(), is(empty()));
        assertThat(config.logLevel(), is(Level.INFO));
        assertThat(config.logFormat(), is(LogFormat.TEXT));
        assertThat(config.pollTimeout(), is(Duration.ofSeconds(50)));
        assertThat(config.shutdownGrace(), is(Duration.ofSeconds(5)));
        assertThat(config.messagesPerSecond(), is(30));
        assertThat(config.openMeteoPerMinute(), is(500));
    }

    @Test
    void blankValuesCountAsUnset() throws ConfigException {
        BotConfig config = ConfigLoader.load(env("TELEGRAM_API_BASE_URL", "  ", "HEALTH_PORT", "",
                "ALLOWED_CHAT_IDS", " ", "LOG_LEVEL", "", "LOG_FORMAT", "\t"));

        assertThat(config.telegramApiBaseUrl(), is(URI.create("https://api.telegram.org")));
        assertThat(config.healthPort(), is(8081));
        assertThat(config.allowedChatIds(), is(empty()));
        assertThat(config.logLevel(), is(Level.INFO));
        assertThat(config.logFormat(), is(LogFormat.TEXT));
    }

    @Test
    void everyVariableIsRead() throws ConfigException {
        BotConfig config = ConfigLoader.load(env(
                "TELEGRAM_BOT_TOKEN", "  " + TOKEN + "\n",
                "TELEGRAM_API_BASE_URL", "http://localhost:8999",
                "OPEN_METEO_FORECAST_URL", "http://127.0.0.1:9000/v1/forecast",
                "OPEN_METEO_GEOCODING_URL", "HTTPS://geo.example/v1/search",
                "HEALTH_PORT", "65535",
                "ALLOWED_CHAT_IDS", "12345, -1001234567890 42",
                "LOG_LEVEL", "debug",
                "LOG_FORMAT", "JSON",
                "POLL_TIMEOUT_SECONDS", "1",
                "SHUTDOWN_GRACE_SECONDS", "0"));

        assertThat(config.telegramToken(), is(TOKEN));
        assertThat(config.telegramApiBaseUrl(), is(URI.create("http://localhost:8999")));
        assertThat(config.forecastUrl(), is(URI.create("http://127.0.0.1:9000/v1/forecast")));
        assertThat(config.geocodingUrl(), is(URI.create("HTTPS://geo.example/v1/search")));
        assertThat(config.healthPort(), is(65535));
        assertThat(config.allowedChatIds(), containsInAnyOrder(12345L, -1001234567890L, 42L));
        assertThat(config.logLevel(), is(Level.FINE));
        assertThat(config.logFormat(), is(LogFormat.JSON));
        assertThat(config.pollTimeout(), is(Duration.ofSeconds(1)));
        assertThat(config.shutdownGrace(), is(Duration.ZERO));
        assertThat(config.allows(42), is(true));
        assertThat(config.allows(43), is(false));
    }

    @Test
    void emptyAllowlistAllowsEveryChat() throws ConfigException {
        BotConfig config = ConfigLoader.load(env());
        assertThat(config.allows(1), is(true));
        assertThat(config.allows(-1001234567890L), is(true));
    }

    @ParameterizedTest
    @CsvSource({"TRACE,FINEST", "finest,FINEST", "DEBUG,FINE", "fine,FINE", "Info,INFO", "WARN,WARNING",
            "warning,WARNING", "ERROR,SEVERE", "severe,SEVERE", "off,OFF"})
    void logLevelNames(String name, String level) throws ConfigException {
        assertThat(ConfigLoader.load(env("LOG_LEVEL", name)).logLevel(), is(Level.parse(level)));
    }

    @Test
    void missingTokenIsOneProblem() {
        Map<String, String> env = env();
        env.remove("TELEGRAM_BOT_TOKEN");
        assertOneProblemNaming(env, "TELEGRAM_BOT_TOKEN");
    }

    @Test
    void blankTokenIsOneProblem() {
        assertOneProblemNaming(env("TELEGRAM_BOT_TOKEN", "   "), "TELEGRAM_BOT_TOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_",            // no bot id
            "123456789AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_",   // no colon
            "123456789:AAHdqTcvCH1vGWJxfSeofSAs0",             // too short after the colon
            "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_/", // a character a token cannot have
            "bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_",
            "123456789:AAHdqTcvCH1vGWJx fSeofSAs0K5PALDsaw-_"})
    void malformedTokenIsOneProblemThatDoesNotEchoIt(String token) {
        List<String> problems = problems(env("TELEGRAM_BOT_TOKEN", token));
        assertThat(problems, hasSize(1));
        assertThat(problems.get(0), startsWith("TELEGRAM_BOT_TOKEN "));
        assertThat(problems.get(0), containsString("malformed"));
        assertThat(problems.get(0), not(containsString(token.strip())));
        assertThat(problems.get(0), not(containsString("AAHdqTcvCH1vGW")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TELEGRAM_API_BASE_URL", "OPEN_METEO_FORECAST_URL", "OPEN_METEO_GEOCODING_URL"})
    void nonHttpUrlIsOneProblem(String variable) {
        assertOneProblemNaming(env(variable, "ftp://api.example/x"), variable);
        assertOneProblemNaming(env(variable, "file:///etc/passwd"), variable);
        assertOneProblemNaming(env(variable, "api.example/x"), variable);
        assertOneProblemNaming(env(variable, "http://exa mple/"), variable);
        assertOneProblemNaming(env(variable, "https:///no-host"), variable);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TELEGRAM_API_BASE_URL", "OPEN_METEO_FORECAST_URL", "OPEN_METEO_GEOCODING_URL"})
    void urlWithQueryOrFragmentIsOneProblem(String variable) {
        assertOneProblemNaming(env(variable, "https://api.example/v1?apikey=x"), variable);
        assertOneProblemNaming(env(variable, "https://api.example/v1#top"), variable);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "abc", "-1", "80.5", "99999999999"})
    void badHealthPortIsOneProblem(String port) {
        List<String> problems = problems(env("HEALTH_PORT", port));
        assertThat(problems, hasSize(1));
        assertThat(problems.get(0), startsWith("HEALTH_PORT "));
        assertThat(problems.get(0), containsString("\"" + port + "\""));
    }

    @Test
    void sendRateAndCallBudgetAreRead() throws ConfigException {
        BotConfig config = ConfigLoader.load(env("TELEGRAM_MESSAGES_PER_SECOND", "1000",
                "OPEN_METEO_CALLS_PER_MINUTE", "100000"));
        assertThat(config.messagesPerSecond(), is(1000));
        assertThat(config.openMeteoPerMinute(), is(100_000));
        assertThat(ConfigLoader.load(env("OPEN_METEO_CALLS_PER_MINUTE", "1")).openMeteoPerMinute(), is(1));
    }

    @ParameterizedTest
    @CsvSource({"TELEGRAM_MESSAGES_PER_SECOND,0", "TELEGRAM_MESSAGES_PER_SECOND,1001",
            "TELEGRAM_MESSAGES_PER_SECOND,fast", "OPEN_METEO_CALLS_PER_MINUTE,0",
            "OPEN_METEO_CALLS_PER_MINUTE,100001", "OPEN_METEO_CALLS_PER_MINUTE,-5",
            "OPEN_METEO_CALLS_PER_MINUTE,5.5"})
    void sendRateAndCallBudgetOutOfRangeAreOneProblem(String variable, String value) {
        assertOneProblemNaming(env(variable, value), variable);
    }

    @Test
    void healthPortBoundsAreAccepted() throws ConfigException {
        assertThat(ConfigLoader.load(env("HEALTH_PORT", "1")).healthPort(), is(1));
        assertThat(ConfigLoader.load(env("HEALTH_PORT", " 9090 ")).healthPort(), is(9090));
    }

    @ParameterizedTest
    @CsvSource({"POLL_TIMEOUT_SECONDS,0", "POLL_TIMEOUT_SECONDS,51", "SHUTDOWN_GRACE_SECONDS,-1",
            "SHUTDOWN_GRACE_SECONDS,61", "SHUTDOWN_GRACE_SECONDS,soon"})
    void durationsOutOfRangeAreOneProblem(String variable, String value) {
        assertOneProblemNaming(env(variable, value), variable);
    }

    @Test
    void chatIdThatIsNotANumberIsOneProblemNamingThePart() {
        List<String> problems = problems(env("ALLOWED_CHAT_IDS", "12345,@mychannel,-100"));
        assertThat(problems, hasSize(1));
        assertThat(problems.get(0), startsWith("ALLOWED_CHAT_IDS "));
        assertThat(problems.get(0), containsString("\"@mychannel\""));
    }

    @Test
    void chatIdsAcceptCommasSpacesAndRepeats() throws ConfigException {
        BotConfig config = ConfigLoader.load(env("ALLOWED_CHAT_IDS", ",1,,2 ,\n3,1,"));
        assertThat(config.allowedChatIds(), containsInAnyOrder(1L, 2L, 3L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"verbose", "INFO2", "ALL", "800"})
    void badLogLevelIsOneProblem(String level) {
        assertOneProblemNaming(env("LOG_LEVEL", level), "LOG_LEVEL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "logfmt", "jsonl"})
    void badLogFormatIsOneProblem(String format) {
        assertOneProblemNaming(env("LOG_FORMAT", format), "LOG_FORMAT");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> env = new HashMap<>(Map.of(
                "TELEGRAM_BOT_TOKEN", "123:short",
                "TELEGRAM_API_BASE_URL", "ftp://x",
                "OPEN_METEO_FORECAST_URL", "https://x/f?q=1",
                "OPEN_METEO_GEOCODING_URL", "not a url",
                "HEALTH_PORT", "0",
                "ALLOWED_CHAT_IDS", "1,two",
                "LOG_LEVEL", "loud",
                "LOG_FORMAT", "yaml",
                "POLL_TIMEOUT_SECONDS", "100",
                "SHUTDOWN_GRACE_SECONDS", "x"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(env));

        List<String> variables = e.problems().stream().map(p -> p.substring(0, p.indexOf(' '))).toList();
        assertThat(variables, contains("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "OPEN_METEO_FORECAST_URL",
                "OPEN_METEO_GEOCODING_URL", "HEALTH_PORT", "ALLOWED_CHAT_IDS", "LOG_LEVEL", "LOG_FORMAT",
                "POLL_TIMEOUT_SECONDS", "SHUTDOWN_GRACE_SECONDS"));
        assertThat(e.getMessage(), is(String.join("; ", e.problems())));
        assertThat(e.problems(), everyItem(not(containsString("123:short"))));
    }

    @Test
    void otherProblemsDoNotEchoAValidToken() {
        List<String> problems = problems(env("HEALTH_PORT", "abc", "LOG_FORMAT", "xml"));
        assertThat(problems, hasSize(2));
    }

    @Test
    void toStringNeverShowsTheToken() throws ConfigException {
        BotConfig config = ConfigLoader.load(env("ALLOWED_CHAT_IDS", "7"));
        String text = config.toString();
        assertThat(text, not(containsString(TOKEN)));
        assertThat(text, not(containsString("123456789")));
        assertThat(text, not(containsString("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")));
        assertThat(text, containsString("healthPort=8081"));
        assertThat(text, containsString("allowedChatIds=[7]"));
    }

    @Test
    void allowlistIsImmutable() throws ConfigException {
        BotConfig config = ConfigLoader.load(env("ALLOWED_CHAT_IDS", "7"));
        assertThrows(UnsupportedOperationException.class, () -> config.allowedChatIds().add(8L));
        assertThat(config.allowedChatIds(), is(Set.of(7L)));
    }
}
