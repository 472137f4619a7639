package dev.weatheragent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
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
     * What ConfigLoader reads, found two ways so neither can go stale alone: the keys it looks up at run time
     * (whatever helper does the reading, names held in constants included), and every name its source passes
     * as a literal to a call (which also finds names read only behind a condition).
     */
    public static Set<String> names() throws IOException {
        Set<String> names = new TreeSet<>();
        Map<String, String> recording = new AbstractMap<>() {
            @Override
            public String get(Object key) {
                names.add((String) key);
                return null;
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return Set.of();
            }
        };
        try {
            ConfigLoader.load(recording, false);
        } catch (ConfigException e) {
            throw new AssertionError("an empty environment is valid without a token", e);
        }
        Matcher m = NAME_ARGUMENT.matcher(Files.readString(LOADER_SOURCE, StandardCharsets.UTF_8));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
