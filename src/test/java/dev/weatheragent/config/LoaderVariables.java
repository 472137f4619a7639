package dev.weatheragent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The environment variables {@link ConfigLoader} reads, for the tests that keep files listing them complete. */
public final class LoaderVariables {

    private static final Path LOADER_SOURCE = Path.of("src/main/java/dev/weatheragent/config/ConfigLoader.java");
    /** A call with a variable name as its first argument in ConfigLoader's source: value("X"), url("X", ...). */
    private static final Pattern NAME_ARGUMENT = Pattern.compile("\\b[a-z]\\w*\\(\\s*\"([A-Z][A-Z0-9_]*)\"");

    private LoaderVariables() {
    }

    /**
     * Environments the loader is run on: empty, and with every switch that could guard further reads turned on
     * (a token, the agent, leader election, PostgreSQL). Each must be valid.
     */
    private static final List<Map<String, String>> ENVIRONMENTS = List.of(
            Map.of(),
            Map.of("TELEGRAM_BOT_TOKEN", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_",
                    "OPENAI_API_KEY", "test-key",
                    "LEADER_ELECTION", "true",
                    "DATABASE_URL", "jdbc:postgresql://db.example.com:5432/weather?user=bot",
                    "DATABASE_PASSWORD", "test-password"));

    /**
     * What ConfigLoader reads, found two ways so neither can go stale alone: the keys it looks up at run time
     * (whatever helper does the reading, names held in constants included), on every environment above, and
     * every name its source passes as a literal to a call (which also finds names read only behind a condition).
     */
    public static Set<String> names() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Map<String, String> env : ENVIRONMENTS) {
            Map<String, String> recording = new AbstractMap<>() {
                @Override
                public String get(Object key) {
                    names.add((String) key);
                    return env.get(key);
                }

                @Override
                public Set<Entry<String, String>> entrySet() {
                    return env.entrySet();
                }
            };
            try {
                ConfigLoader.load(recording, false);
            } catch (ConfigException e) {
                throw new AssertionError("the environment " + env.keySet() + " is valid", e);
            }
        }
        Matcher m = NAME_ARGUMENT.matcher(Files.readString(LOADER_SOURCE, StandardCharsets.UTF_8));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
