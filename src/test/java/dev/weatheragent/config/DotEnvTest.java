package dev.weatheragent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DotEnvTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve(".env");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void missingFileIsEmpty() throws ConfigException {
        assertThat(DotEnv.read(dir.resolve("no-such.env")), is(anEmptyMap()));
    }

    @Test
    void directoryIsTreatedAsMissing() throws ConfigException {
        assertThat(DotEnv.read(dir), is(anEmptyMap()));
    }

    @Test
    void plainAssignmentsInFileOrder() throws ConfigException, IOException {
        Map<String, String> values = DotEnv.read(write("A=1", "B_2=two words", "_C=", "D = spaced "));

        assertThat(values.keySet(), contains("A", "B_2", "_C", "D"));
        assertThat(values, hasEntry("A", "1"));
        assertThat(values, hasEntry("B_2", "two words"));
        assertThat(values, hasEntry("_C", ""));
        assertThat(values, hasEntry("D", "spaced"));
    }

    @Test
    void commentsAndBlankLinesAreSkipped() throws ConfigException, IOException {
        Map<String, String> values = DotEnv.read(write("# a comment", "", "   ", "  # indented comment",
                "KEY=value", "#OTHER=x"));
        assertThat(values, is(Map.of("KEY", "value")));
    }

    @Test
    void exportPrefixIsDropped() throws ConfigException, IOException {
        Map<String, String> values = DotEnv.read(write("export TOKEN=abc", "  export   SPACED=1"));
        assertThat(values, is(Map.of("TOKEN", "abc", "SPACED", "1")));
    }

    @Test
    void quotesAreRemovedAndKeepTheirContent() throws ConfigException, IOException {
        Map<String, String> values = DotEnv.read(write(
                "DOUBLE=\"hello world\"",
                "SINGLE='it # is not a comment'",
                "HASH_IN_DOUBLE=\"a #b\"",
                "EMPTY=\"\"",
                "MISMATCHED=\"abc'",
                "ONE_QUOTE=\"",
                "EQUALS=a=b=c"));

        assertThat(values, hasEntry("DOUBLE", "hello world"));
        assertThat(values, hasEntry("SINGLE", "it # is not a comment"));
        assertThat(values, hasEntry("HASH_IN_DOUBLE", "a #b"));
        assertThat(values, hasEntry("EMPTY", ""));
        assertThat(values, hasEntry("MISMATCHED", "\"abc'"));
        assertThat(values, hasEntry("ONE_QUOTE", "\""));
        assertThat(values, hasEntry("EQUALS", "a=b=c"));
    }

    @Test
    void inlineCommentNeedsASpaceBeforeTheHash() throws ConfigException, IOException {
        Map<String, String> values = DotEnv.read(write(
                "PORT=8081 # health port",
                "COLOR=#fff",
                "URL=https://example.org/#anchor",
                "TABBED=x   #   note"));

        assertThat(values, hasEntry("PORT", "8081"));
        assertThat(values, hasEntry("COLOR", "#fff"));
        assertThat(values, hasEntry("URL", "https://example.org/#anchor"));
        assertThat(values, hasEntry("TABBED", "x"));
        assertThat(values, is(aMapWithSize(4)));
    }

    @Test
    void laterAssignmentWins() throws ConfigException, IOException {
        assertThat(DotEnv.read(write("A=1", "A=2")), is(Map.of("A", "2")));
    }

    @Test
    void utf8ValuesAreRead() throws ConfigException, IOException {
        assertThat(DotEnv.read(write("CITY=Київ 🌧")), is(Map.of("CITY", "Київ 🌧")));
    }

    @Test
    void malformedLineNamesTheLineNumberButNotItsContent() throws IOException {
        String secret = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        Path file = write("# comment", "GOOD=1", "", secret);

        ConfigException e = assertThrows(ConfigException.class, () -> DotEnv.read(file));

        assertThat(e.problems(), hasSize(1));
        assertThat(e.problems().get(0), containsString("line 4"));
        assertThat(e.problems().get(0), containsString(file.toString()));
        assertThat(e.getMessage(), not(containsString(secret)));
        assertThat(e.getMessage(), not(containsString("AAHdqTcv")));
    }

    @Test
    void otherMalformedLinesAreRefused() throws IOException {
        for (String line : List.of("=value", "1ABC=x", "MY-KEY=x", "KEY WITH SPACE=x", "export", "just words")) {
            Path file = write("OK=1", line);
            ConfigException e = assertThrows(ConfigException.class, () -> DotEnv.read(file), line);
            assertThat(line, e.problems().get(0), containsString("line 2"));
            if (line.length() > 6) {
                assertThat(line, e.getMessage(), not(containsString(line)));
            }
        }
    }
}
