package dev.weatheragent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.ChatStores;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/**
 * The packaged entry point as a separate process, as operators run it: exit codes, signals, what reaches the log.
 * Every captured output is also checked for the bot token.
 */
class ProcessEndToEndTest {

    /** Generous: a JVM start on a loaded 2-core machine can take many seconds. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();

    @AfterEach
    void noTokenInAnyOutput() throws IOException {
        processes.forEach(Process::destroyForcibly);
        for (Path output : outputs) {
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat("token in " + output, log, not(containsString(FakeTelegram.TOKEN)));
            assertThat(log, not(containsString(FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1))));
        }
    }

    private Process launch(Map<String, String> env, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // As the jar's manifest (Enable-Native-Access) allows it: SQLite's JNI library, without a warning.
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.weatheragent.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(env);
        Path output = workDir.resolve("process-" + outputs.size() + ".log");
        outputs.add(output);
        builder.directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Waits for a reply; on failure the process output goes into the assertion message. */
    private void awaitReply(FakeTelegram telegram, long chat, int count, int process) throws Exception {
        try {
            telegram.awaitSentTo(chat, count, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nprocess output:\n" + output(process), e);
        }
    }

    private String output(int index) throws IOException {
        return Files.readString(outputs.get(index), StandardCharsets.UTF_8);
    }

    private static Map<String, String> env(FakeTelegram telegram, FakeOpenMeteo meteo) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", FakeTelegram.TOKEN);
        env.put("TELEGRAM_API_BASE_URL", telegram.baseUrl().toString());
        env.put("OPEN_METEO_FORECAST_URL", meteo.forecastUrl().toString());
        env.put("OPEN_METEO_GEOCODING_URL", meteo.geocodingUrl().toString());
        env.put("POLL_TIMEOUT_SECONDS", "2");
        env.put("SHUTDOWN_GRACE_SECONDS", "5");
        env.put("HEALTH_PORT", String.valueOf(freePort()));
        env.put("LOG_LEVEL", "DEBUG");
        return env;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TELEGRAM_BOT_TOKEN|               |TELEGRAM_BOT_TOKEN is not set",
            "TELEGRAM_BOT_TOKEN|not-a-token    |TELEGRAM_BOT_TOKEN is malformed",
            "TELEGRAM_API_BASE_URL|ftp://x     |TELEGRAM_API_BASE_URL must be an http(s) URL",
            "OPEN_METEO_FORECAST_URL|not a url |OPEN_METEO_FORECAST_URL must be an http(s) URL",
            "OPEN_METEO_GEOCODING_URL|http://  |OPEN_METEO_GEOCODING_URL must be an http(s) URL",
            "HEALTH_PORT|70000                 |HEALTH_PORT must be a whole number from 1 to 65535",
            "METRICS_PORT|8081                 |METRICS_PORT must differ from HEALTH_PORT (8081)",
            "ALLOWED_CHAT_IDS|12,abc           |ALLOWED_CHAT_IDS must be comma-separated chat ids",
            "LOG_FORMAT|xml                    |LOG_FORMAT must be text or json",
            "POLL_TIMEOUT_SECONDS|600          |POLL_TIMEOUT_SECONDS must be a whole number from 1 to 50",
            "OPENAI_BASE_URL|localhost:11434   |OPENAI_BASE_URL must be an http(s) URL",
            "OPENAI_TIMEOUT|soon               |OPENAI_TIMEOUT must be a duration",
            "LLM_DAILY_TOKEN_BUDGET|-5         |LLM_DAILY_TOKEN_BUDGET must be a whole number",
            "LEADER_ELECTION|maybe             |LEADER_ELECTION must be true or false",
            "DATABASE_URL|mysql://db/bot       |DATABASE_URL must look like jdbc:postgresql://host:5432/db"})
    void badConfigurationExitsWithCode2AndOneLineNamingTheVariable(String variable, String value, String message)
            throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", FakeTelegram.TOKEN));
        if (value == null) {
            env.remove(variable);
        } else {
            env.put(variable, value);
        }
        Process process = launch(env);
        assertThat(process.waitFor(20, TimeUnit.SECONDS), is(true));
        assertThat(process.exitValue(), equalTo(2));
        String out = output(0);
        assertThat(out, containsString("configuration error: " + message));
        assertThat(out.lines().toList(), hasSize(1));
        assertThat("no stack trace", out, not(containsString("Exception")));
    }

    @Test
    void aDotEnvFileInTheWorkingDirectoryIsReadButTheEnvironmentWins() throws Exception {
        Files.writeString(workDir.resolve(".env"), "TELEGRAM_BOT_TOKEN=" + FakeTelegram.TOKEN + "\nLOG_FORMAT=xml\n");
        Process process = launch(Map.of("HEALTH_PORT", "0"));
        assertThat(process.waitFor(20, TimeUnit.SECONDS), is(true));
        assertThat(process.exitValue(), equalTo(2));
        assertThat(output(0), containsString("configuration error: LOG_FORMAT"));
        assertThat(output(0), containsString("configuration error: HEALTH_PORT"));
        assertThat("the token came from .env", output(0), not(containsString("TELEGRAM_BOT_TOKEN")));
    }

    @Test
    void aRejectedTokenExitsWithCode3AtOnce() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram("987654321:AAHsomeOtherTokenThatTheBotDoesNotHave",
                Clock.systemUTC());
             FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            long start = System.nanoTime();
            Process process = launch(env(telegram, meteo));
            assertThat(process.waitFor(20, TimeUnit.SECONDS), is(true));
            assertThat(process.exitValue(), equalTo(3));
            assertThat(Duration.ofNanos(System.nanoTime() - start).toSeconds(), lessThan(15L));
            assertThat(output(0), containsString("Telegram rejected TELEGRAM_BOT_TOKEN"));
            assertThat("no retry loop", telegram.calls(), equalTo(List.of()));
        }
    }

    @Test
    void sigtermFinishesInFlightWorkConfirmsAndExits0AndARestartAnswersNothingTwice() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC()); FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            Map<String, String> env = env(telegram, meteo);
            Process first = launch(env);
            telegram.sendText(1, "/help", "en");
            awaitReply(telegram, 1, 1, 0);
            meteo.delay(Duration.ofSeconds(2));
            long inFlight = telegram.sendText(2, "/weather Kyiv", "en");
            while (meteo.requests() == 0) {
                Thread.sleep(20);
            }
            long signalled = System.nanoTime();
            first.destroy();
            assertThat(first.waitFor(15, TimeUnit.SECONDS), is(true));
            assertThat(first.exitValue(), equalTo(0));
            assertThat(Duration.ofNanos(System.nanoTime() - signalled).toSeconds(), lessThan(10L));
            assertThat("the in-flight update was answered", telegram.sentTo(2), hasSize(1));
            assertThat("and confirmed before exit", telegram.unconfirmed(), not(org.hamcrest.Matchers.hasItem(inFlight)));
            assertThat(output(0), containsString("confirmed updates below"));

            meteo.delay(Duration.ZERO);
            launch(env);
            telegram.sendText(3, "/help", "en");
            awaitReply(telegram, 3, 1, 1);
            telegram.awaitAllConfirmed(WAIT);
            assertThat("nothing answered twice after the restart", telegram.sent(), hasSize(3));
            assertThat(telegram.specViolations(), is(empty()));
        }
    }

    @Test
    void consoleModeAnswersCommandsAndFreeTextFromStdinWithoutATelegramToken() throws Exception {
        try (FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC()); dev.weatheragent.fakes.FakeOpenAi ai =
                new dev.weatheragent.fakes.FakeOpenAi()) {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "dev.weatheragent.Main", "--console");
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv("PATH"));
            builder.environment().put("OPEN_METEO_FORECAST_URL", meteo.forecastUrl().toString());
            builder.environment().put("OPEN_METEO_GEOCODING_URL", meteo.geocodingUrl().toString());
            builder.environment().put("OPENAI_API_KEY", dev.weatheragent.fakes.FakeOpenAi.API_KEY);
            builder.environment().put("OPENAI_BASE_URL", ai.baseUrl().toString());
            builder.environment().put("LANG", "en_US.UTF-8");
            Path stdout = workDir.resolve("console.out");
            Path stderr = workDir.resolve("console.err");
            outputs.add(stderr);
            builder.directory(workDir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Process process = builder.start();
            processes.add(process);
            try (var in = process.getOutputStream()) {
                in.write("/weather Kyiv\nWill it rain in Lviv tomorrow?\n/units imperial\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS), is(true));
            assertThat(process.exitValue(), equalTo(0));
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            assertThat(out, containsString("Kyiv, Kyiv City, Ukraine"));
            assertThat("the agent answered, as plain text", out, containsString("Lviv: here is what the forecast says"));
            assertThat(out, containsString("Units set to imperial"));
            assertThat(out, not(containsString("<b>")));
            assertThat(Files.readString(stderr, StandardCharsets.UTF_8),
                    not(containsString(dev.weatheragent.fakes.FakeOpenAi.API_KEY)));
        }
    }

    @Test
    void jsonLogsHaveOneObjectPerLineAndOneLinePerUpdateWithoutTheText() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC()); FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            Map<String, String> env = env(telegram, meteo);
            env.put("LOG_FORMAT", "json");
            env.put("LOG_LEVEL", "INFO");
            Process process = launch(env);
            telegram.sendText(4, "/weather Secretville", "en");
            awaitReply(telegram, 4, 1, 0);
            telegram.awaitAllConfirmed(WAIT);
            process.destroy();
            assertThat(process.waitFor(15, TimeUnit.SECONDS), is(true));
            ObjectMapper mapper = new ObjectMapper();
            List<JsonNode> records = new ArrayList<>();
            for (String line : output(0).lines().toList()) {
                records.add(mapper.readTree(line));
                assertThat(line, records.getLast().has("message"), is(true));
            }
            List<JsonNode> updates = records.stream()
                    .filter(r -> r.path("message").asText().equals("update handled")).toList();
            assertThat(updates, hasSize(1));
            assertThat(updates.getFirst().get("chat_id").asLong(), is(4L));
            assertThat(updates.getFirst().get("update_id").isIntegralNumber(), is(true));
            assertThat(updates.getFirst().get("kind").asText(), is("/weather"));
            assertThat(updates.getFirst().get("outcome").asText(), is("not-found"));
            assertThat(updates.getFirst().get("latency_ms").isIntegralNumber(), is(true));
            List<JsonNode> starts = records.stream()
                    .filter(r -> r.path("message").asText().equals("weather-agent starting")).toList();
            assertThat(starts, hasSize(1));
            assertThat(starts.getFirst().get("version").asText(), matchesPattern("\\d+\\.\\d+\\.\\d+.*"));
            assertThat(starts.getFirst().get("revision").asText(), matchesPattern("[0-9a-f]{40}|unknown"));
            assertThat("message text stays out of the log", output(0), not(containsString("Secretville")));
        }
    }

    @Test
    void backupCopiesTheSqliteFileIntoANewOneAndRefusesToOverwrite() throws Exception {
        Path data = workDir.resolve("data");
        try (ChatStore store = ChatStores.open(new StoreConfig(data, Optional.empty()), Clock.systemUTC())) {
            store.units(42, Units.IMPERIAL);
        }
        Process backup = launch(Map.of("DATA_DIR", data.toString()), "--backup", "backups/one/weather-agent.db");
        assertThat(backup.waitFor(20, TimeUnit.SECONDS), is(true));
        assertThat(output(0), backup.exitValue(), equalTo(0));
        assertThat(output(0), containsString("backed up " + data.resolve("weather-agent.db")));
        try (ChatStore copy = ChatStores.open(new StoreConfig(workDir.resolve("backups/one"), Optional.empty()),
                Clock.systemUTC())) {
            assertThat(copy.settings(42).units(), equalTo(Units.IMPERIAL));
        }
        Process again = launch(Map.of("DATA_DIR", data.toString()), "--backup", "backups/one/weather-agent.db");
        assertThat(again.waitFor(20, TimeUnit.SECONDS), is(true));
        assertThat(again.exitValue(), equalTo(2));
        assertThat(output(1), containsString("backup failed: the backup target"));
    }

    @Test
    void aDatabaseWithANewerSchemaStopsTheBotWithExitCode4AndTheVersions() throws Exception {
        Path data = workDir.resolve("data");
        ChatStores.open(new StoreConfig(data, Optional.empty()), Clock.systemUTC()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("weather-agent.db"));
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES ((SELECT MAX(installed_rank) + 1"
                    + " FROM flyway_schema_history), '99', 'from a newer build', 'SQL', 'V99__newer.sql', 0, 'test',"
                    + " 1, 1)");
        }
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC());
             FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            Map<String, String> env = env(telegram, meteo);
            env.put("DATA_DIR", data.toString());
            env.put("LOG_LEVEL", "INFO");
            Process process = launch(env);
            assertThat(process.waitFor(30, TimeUnit.SECONDS), is(true));
            assertThat(output(0), process.exitValue(), equalTo(4));
            assertThat(output(0), allOf(containsString("has schema version 99, but this build of weather-agent knows"),
                    containsString("run the newer weather-agent")));
            assertThat("no stack trace", output(0), not(containsString("Exception")));
        }
    }
}
