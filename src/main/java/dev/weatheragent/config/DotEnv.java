package dev.weatheragent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file for local runs: {@code KEY=value} lines, optional {@code export } prefix,
 * {@code #} comments, values optionally in single or double quotes. Variables of the real environment win.
 */
public final class DotEnv {

    private DotEnv() {
    }

    /**
     * The variables of the file, or an empty map when it does not exist.
     *
     * @throws ConfigException when the file exists but has lines that are not assignments
     */
    public static Map<String, String> read(Path file) throws ConfigException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String key = eq > 0 ? line.substring(0, eq).strip() : "";
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                // The line may hold a secret: name the line, never echo it.
                throw new ConfigException(List.of(file + " line " + (i + 1) + ": expected KEY=value"));
            }
            values.put(key, unquote(line.substring(eq + 1).strip()));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }
}
