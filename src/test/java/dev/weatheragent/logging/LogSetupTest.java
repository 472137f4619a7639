package dev.weatheragent.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weatheragent.config.LogFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

class LogSetupTest {

    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_";
    private static final String TOKEN_TAIL = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String URL = "https://api.telegram.org/bot" + TOKEN + "/getMe";
    private static final String LOGGER = "dev.weatheragent.logging.LogSetupTest.probe";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private Logger logger;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() throws IOException {
        System.setErr(originalErr);
        // The build may name a java.util.logging.config.file that does not exist (Helidon's parent POM points it
        // at target/classes/logging.properties); then fall back to the JDK's own defaults.
        String configFile = System.getProperty("java.util.logging.config.file");
        if (configFile == null || Files.isRegularFile(Path.of(configFile))) {
            LogManager.getLogManager().readConfiguration();
        } else {
            try (InputStream in = Files.newInputStream(
                    Path.of(System.getProperty("java.home"), "conf", "logging.properties"))) {
                LogManager.getLogManager().readConfiguration(in);
            }
        }
    }

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    private void configure(Level level, LogFormat format) {
        // ConsoleHandler binds System.err when created, so stderr must be captured before this.
        LogSetup.configure(level, format, new Redactor(List.of(TOKEN)));
        logger = Logger.getLogger(LOGGER);
    }

    private void logSecrets() {
        logger.info("calling " + URL + " with token " + TOKEN);
        logger.log(Level.INFO, "parameterised {0}", TOKEN);
        IllegalStateException failure = new IllegalStateException("request to " + URL + " failed",
                new java.io.IOException("connection reset by " + URL + " (token " + TOKEN + ")"));
        logger.log(Level.SEVERE, "poll failed", failure);
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void tokenNeverReachesStderr(LogFormat format) {
        configure(Level.INFO, format);
        logSecrets();

        String out = output();
        assertThat(out, not(containsString(TOKEN)));
        assertThat(out, not(containsString(TOKEN_TAIL)));
        // The records were written, with the secret masked and the rest intact.
        assertThat(out, containsString("https://api.telegram.org/bot***/getMe"));
        assertThat(out, containsString("parameterised ***"));
        assertThat(out, containsString("poll failed"));
        assertThat(out, containsString("IllegalStateException"));
        assertThat(out, containsString("IOException: connection reset by https://api.telegram.org/bot***/getMe"));
    }

    @Test
    void textFormatHasTimeLevelShortLoggerAndMessage() {
        configure(Level.INFO, LogFormat.TEXT);
        logger.warning("disk almost full");

        // Only this test's logger: a stray record of another thread must not make the test flaky.
        List<String> lines = output().lines().filter(l -> l.contains(" probe - ")).toList();
        assertThat(lines, hasSize(1));
        String[] fields = lines.get(0).split(" ", 5);
        Instant.parse(fields[0]);
        assertThat(fields[1], is("WARN"));
        assertThat(fields[2], is("probe"));
        assertThat(fields[3], is("-"));
        assertThat(fields[4], is("disk almost full"));
    }

    @Test
    void textFormatAppendsTheStackTrace() {
        configure(Level.INFO, LogFormat.TEXT);
        logger.log(Level.SEVERE, "boom", new IllegalArgumentException("bad " + TOKEN));

        String out = output();
        assertThat(out, containsString(" ERROR probe - boom" + System.lineSeparator()
                + "java.lang.IllegalArgumentException: bad ***"));
        assertThat(out, containsString("\tat dev.weatheragent.logging.LogSetupTest"));
    }

    @Test
    void jsonLinesParseWithTheDocumentedFields() throws IOException {
        configure(Level.FINEST, LogFormat.JSON);
        logger.finest("trace \"quoted\" line\nsecond line");
        logger.fine("debug " + TOKEN);
        logSecrets();

        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : output().split("\\R")) {
            JsonNode node = mapper.readTree(line);
            for (String field : List.of("ts", "level", "logger", "thread", "message")) {
                assertThat(line, node.path(field).isTextual(), is(true));
            }
            Instant.parse(node.get("ts").asText());
            if (node.get("logger").asText().equals(LOGGER)) {
                records.add(node);
            }
        }
        assertThat(records, hasSize(5));
        assertThat(records.get(0).get("level").asText(), is("TRACE"));
        assertThat(records.get(0).get("message").asText(), is("trace \"quoted\" line\nsecond line"));
        assertThat(records.get(1).get("level").asText(), is("DEBUG"));
        assertThat(records.get(1).get("message").asText(), is("debug ***"));
        assertThat(records.get(2).get("level").asText(), is("INFO"));
        assertThat(records.get(2).has("error"), is(false));
        assertThat(records.get(4).get("level").asText(), is("ERROR"));
        assertThat(records.get(4).get("message").asText(), is("poll failed"));
        JsonNode error = records.get(4).get("error");
        assertThat(error.get("type").asText(), is("java.lang.IllegalStateException"));
        assertThat(error.get("message").asText(), is("request to https://api.telegram.org/bot***/getMe failed"));
        assertThat(error.get("stack_trace").asText(),
                startsWith("java.lang.IllegalStateException: request to https://api.telegram.org/bot***/getMe"));
        assertThat(error.get("stack_trace").asText(), containsString("Caused by: java.io.IOException"));
        assertThat(error.toString(), not(containsString(TOKEN_TAIL)));
    }

    @Test
    void jsonLinesCarryTheFieldsOfTheRecordAsFieldsOfTheirOwn() throws IOException {
        configure(Level.INFO, LogFormat.JSON);
        System.Logger systemLogger = System.getLogger(LOGGER);
        systemLogger.log(System.Logger.Level.INFO, "update handled", LogFields.of("update_id", 1000L)
                .with("chat_id", -1001234567890L).with("kind", "/weather").with("outcome", "answered")
                .with("latency_ms", 339L));
        systemLogger.log(System.Logger.Level.ERROR, "update failed",
                LogFields.of("update_id", 1001L).with("chat_id", 42L).with("kind", "token " + TOKEN),
                new IllegalStateException("Telegram said no to " + URL));

        List<JsonNode> records = probeRecords();
        assertThat(records, hasSize(2));
        JsonNode handled = records.get(0);
        assertThat(handled.get("message").asText(), is("update handled"));
        assertThat(handled.get("update_id").isIntegralNumber(), is(true));
        assertThat(handled.get("update_id").asLong(), is(1000L));
        assertThat(handled.get("chat_id").asLong(), is(-1001234567890L));
        assertThat(handled.get("kind").asText(), is("/weather"));
        assertThat(handled.get("outcome").asText(), is("answered"));
        assertThat(handled.get("latency_ms").asLong(), is(339L));
        assertThat(handled.get("level").asText(), is("INFO"));
        assertThat(handled.get("logger").asText(), is(LOGGER));
        assertThat(handled.get("thread").asText(), is(Thread.currentThread().getName()));
        assertThat(handled.has("error"), is(false));
        assertThat(handled.has("time"), is(false));

        JsonNode failed = records.get(1);
        assertThat(failed.get("level").asText(), is("ERROR"));
        assertThat(failed.get("update_id").asLong(), is(1001L));
        assertThat(failed.get("kind").asText(), is("token ***"));
        assertThat(failed.get("error").get("type").asText(), is("java.lang.IllegalStateException"));
        assertThat(failed.get("error").get("message").asText(),
                is("Telegram said no to https://api.telegram.org/bot***/getMe"));
        assertThat(failed.toString(), not(containsString(TOKEN_TAIL)));
    }

    @Test
    void aFieldWithoutAValueIsNull() throws IOException {
        configure(Level.INFO, LogFormat.JSON);
        System.getLogger(LOGGER).log(System.Logger.Level.INFO, "update handled", LogFields.of("kind", null));

        assertThat(probeRecords().getFirst().get("kind").isNull(), is(true));
    }

    @Test
    void aSecretThatJsonEscapingChangesIsStillMasked() throws IOException {
        String quoted = "pass\"word\\with\nodd characters";
        LogSetup.configure(Level.INFO, LogFormat.JSON, new Redactor(List.of(quoted)));
        logger = Logger.getLogger(LOGGER);
        logger.log(Level.WARNING, "database refused " + quoted, new IllegalStateException("login " + quoted));

        JsonNode record = probeRecords().getFirst();
        assertThat(record.get("message").asText(), is("database refused ***"));
        assertThat(record.get("error").get("message").asText(), is("login ***"));
        assertThat(output(), not(containsString("odd characters")));
    }

    @Test
    void virtualThreadsWithoutANameAreNamedByTheirId() throws Exception {
        configure(Level.INFO, LogFormat.JSON);
        Thread thread = Thread.ofVirtual().unstarted(() -> logger.info("from a virtual thread"));
        thread.start();
        thread.join();

        assertThat(probeRecords().getFirst().get("thread").asText(), is("#" + thread.threadId()));
    }

    @Test
    void textFormatAppendsTheFieldsAndTheStackTraceOfAThrowableParameter() {
        configure(Level.INFO, LogFormat.TEXT);
        System.getLogger(LOGGER).log(System.Logger.Level.ERROR, "update failed",
                LogFields.of("update_id", 7L).with("chat_id", 42L), new IllegalStateException("bad " + TOKEN));

        String out = output();
        assertThat(out, containsString(" ERROR probe - update failed update_id=7 chat_id=42" + System.lineSeparator()
                + "java.lang.IllegalStateException: bad ***"));
    }

    private List<JsonNode> probeRecords() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : output().split("\\R")) {
            JsonNode node = mapper.readTree(line);
            if (node.get("logger").asText().equals(LOGGER)) {
                records.add(node);
            }
        }
        return records;
    }

    @Test
    void levelFiltersRecords() {
        configure(Level.WARNING, LogFormat.TEXT);
        logger.info("hidden");
        logger.fine("hidden too");
        logger.warning("shown");

        assertThat(output(), not(containsString("hidden")));
        assertThat(output(), containsString("WARN probe - shown"));
    }

    @Test
    void configureReplacesEarlierHandlers() {
        configure(Level.INFO, LogFormat.TEXT);
        configure(Level.INFO, LogFormat.JSON);
        logger.info("once");

        List<String> lines = output().lines().filter(l -> l.contains("once")).toList();
        assertThat(lines, hasSize(1));
        assertThat(lines.get(0), startsWith("{"));
    }

    @Test
    void levelNames() {
        assertThat(LogSetup.levelName(Level.SEVERE), is("ERROR"));
        assertThat(LogSetup.levelName(Level.WARNING), is("WARN"));
        assertThat(LogSetup.levelName(Level.INFO), is("INFO"));
        assertThat(LogSetup.levelName(Level.CONFIG), is("DEBUG"));
        assertThat(LogSetup.levelName(Level.FINE), is("DEBUG"));
        assertThat(LogSetup.levelName(Level.FINER), is("TRACE"));
        assertThat(LogSetup.levelName(Level.FINEST), is("TRACE"));
    }

    @Test
    void shortNames() {
        assertThat(LogSetup.shortName("dev.weatheragent.telegram.LongPollingLoop"), is("LongPollingLoop"));
        assertThat(LogSetup.shortName("plain"), is("plain"));
        assertThat(LogSetup.shortName(""), is(""));
        assertThat(LogSetup.shortName(null), is("-"));
    }
}
