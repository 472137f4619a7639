package dev.weatheragent.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * .env.example at the repository root: it names every variable {@link ConfigLoader} reads, loads through
 * {@link DotEnv} without setting a secret, shows the real defaults, and keeps to the syntax that DotEnv,
 * Docker Compose's env_file and {@code docker run --env-file} read alike.
 */
class EnvExampleTest {

    private static final Path EXAMPLE = Path.of(".env.example");
    /** A commented-out assignment, which shows a variable at its default. */
    private static final Pattern COMMENTED = Pattern.compile("# ?([A-Z][A-Z0-9_]*)=(.*)");
    /**
     * An assignment all three readers agree on: no quotes (docker run keeps them), no whitespace or
     * trailing comment (docker run keeps those too), no {@code $} (Compose interpolates it).
     */
    private static final Pattern PORTABLE = Pattern.compile("[A-Z][A-Z0-9_]*=[^\\s\"'$]*");
    /** Shaped like a real token: bot id, colon, 35 URL-safe characters. */
    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_";

    @Test
    void listsEveryVariableTheLoaderReads() throws IOException {
        Set<String> read = LoaderVariables.names();
        Set<String> listed = listed();

        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(listed);
        assertThat("read by ConfigLoader but not in .env.example", missing, is(Set.of()));
        Set<String> unknown = new TreeSet<>(listed);
        unknown.removeAll(read);
        assertThat("in .env.example but not read by ConfigLoader", unknown, is(Set.of()));
    }

    @Test
    void loadsThroughDotEnvWithoutSettingASecret() throws ConfigException {
        Map<String, String> values = DotEnv.read(EXAMPLE);

        assertThat("only the token is left to fill in", values, is(Map.of("TELEGRAM_BOT_TOKEN", "")));
        for (String secret : List.of("TELEGRAM_BOT_TOKEN", "OPENAI_API_KEY")) {
            assertThat(secret, values.get(secret), anyOf(nullValue(), emptyString()));
        }
    }

    /** cp .env.example .env and setting the token is enough: the token is the only thing missing. */
    @Test
    void onlyTheTokenIsMissingToStart() throws ConfigException {
        Map<String, String> values = new HashMap<>(DotEnv.read(EXAMPLE));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(values));
        assertThat(e.problems(), contains(startsWith("TELEGRAM_BOT_TOKEN is not set")));

        values.put("TELEGRAM_BOT_TOKEN", TOKEN);
        assertThat(ConfigLoader.load(values).telegramToken(), is(TOKEN));
    }

    /** Uncommenting every commented-out line changes nothing: they show the loader's own defaults. */
    @Test
    void commentedOutValuesAreTheDefaults() throws IOException, ConfigException {
        Map<String, String> uncommented = new HashMap<>(commentedOut());
        uncommented.put("TELEGRAM_BOT_TOKEN", TOKEN);

        assertThat(ConfigLoader.load(uncommented), is(ConfigLoader.load(Map.of("TELEGRAM_BOT_TOKEN", TOKEN))));
    }

    @Test
    void everyLineIsACommentABlankOrAPortableAssignment() throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher commented = COMMENTED.matcher(line);
            String assignment = commented.matches() ? commented.group(1) + "=" + commented.group(2) : line;
            boolean ok = line.isEmpty() || PORTABLE.matcher(assignment).matches()
                    || (line.startsWith("#") && !commented.matches());
            assertThat("line " + (i + 1) + ": " + line, ok, is(true));
        }
    }

    /** Every variable has its own comment above it: what it is, its range and its default. */
    @Test
    void everyVariableIsDescribed() throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isAssignment(line)) {
                String above = i == 0 ? "" : lines.get(i - 1);
                assertThat(line + " needs a description on the line above", above.startsWith("# ") && !isAssignment(above),
                        is(true));
            }
        }
    }

    @Test
    void holdsNoSecretEvenCommentedOut() throws IOException {
        String text = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        assertThat("a Telegram token", ConfigLoader.TOKEN.matcher(text).find(), is(false));
        assertThat("an OpenAI key", Pattern.compile("sk-[A-Za-z0-9]").matcher(text).find(), is(false));
    }

    /** Variables the file sets or shows commented out. */
    private static Set<String> listed() throws IOException {
        Set<String> names = new TreeSet<>(commentedOut().keySet());
        for (String line : Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8)) {
            if (PORTABLE.matcher(line).matches()) {
                names.add(line.substring(0, line.indexOf('=')));
            }
        }
        return names;
    }

    private static Map<String, String> commentedOut() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8)) {
            Matcher m = COMMENTED.matcher(line);
            if (m.matches()) {
                values.put(m.group(1), m.group(2));
            }
        }
        return values;
    }

    private static boolean isAssignment(String line) {
        return COMMENTED.matcher(line).matches() || PORTABLE.matcher(line).matches();
    }
}
