package dev.weatheragent.config;

import dev.weatheragent.docs.Markdown;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration tables of README.md and docs/*.md against the variables the code reads, with
 * {@link ConfigLoader} as the one source of truth ({@link LoaderVariables} finds its names from the code itself):
 * the README's table lists every one, no table lists a variable the loader does not read, a default written as a
 * value is the loader's default, and what the process reads outside the loader is named in the docs.
 * {@code EnvExampleTest} holds .env.example to the same names.
 *
 * <p>A configuration table is a Markdown table whose first column holds backticked UPPER_SNAKE names.
 */
class ConfigDocumentationTest {

    /** The README's section holding the full table. */
    private static final String README_SECTION = "Configuration";
    private static final Pattern NAME_CELL = Pattern.compile("`([A-Z][A-Z0-9_]*)`");
    /** A default cell that starts with a value: {@code `50`}, {@code `data` (`/data` in the image)}. */
    private static final Pattern VALUE_DEFAULT = Pattern.compile("`([^`]*)`.*");
    private static final Pattern GETENV = Pattern.compile("System\\.getenv\\(([^)]*)\\)");
    private static final Pattern LITERAL = Pattern.compile("\\s*\"([A-Z][A-Z0-9_]*)\"\\s*");
    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Path LOADER_SOURCE = MAIN_SOURCES.resolve("dev/weatheragent/config/ConfigLoader.java");
    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_";

    @Test
    void theReadmeTableListsEveryVariableTheLoaderReads() throws IOException {
        Markdown.Table table = readmeTable();
        List<String> listed = new ArrayList<>();
        for (Markdown.Row row : table.rows()) {
            name(row).ifPresent(listed::add);
        }

        Set<String> missing = new TreeSet<>(LoaderVariables.names());
        missing.removeAll(listed);
        assertEquals(Set.of(), missing, "read by ConfigLoader but missing from the configuration table of README.md"
                + " (section \"" + README_SECTION + "\"): add a row for each (name, default, meaning)");
        Set<String> once = new TreeSet<>();
        Set<String> twice = new TreeSet<>();
        for (String name : listed) {
            if (!once.add(name)) {
                twice.add(name);
            }
        }
        assertEquals(Set.of(), twice, "listed more than once in README.md's configuration table");
    }

    @Test
    void everyConfigurationTableListsOnlyVariablesTheLoaderReads() throws IOException {
        Set<String> read = LoaderVariables.names();
        List<String> problems = new ArrayList<>();
        for (Markdown.Table table : configurationTables()) {
            for (Markdown.Row row : table.rows()) {
                Optional<String> name = name(row);
                if (name.isEmpty()) {
                    problems.add(where(table, row) + ": the first cell is not one backticked variable name: "
                            + row.cell(0));
                } else if (!read.contains(name.get())) {
                    problems.add(where(table, row) + ": " + name.get() + " is not read by ConfigLoader");
                }
            }
        }
        assertEquals(List.of(), problems, "configuration tables naming what the app does not read");
    }

    /** A default written as a value changes nothing when set: it is what the loader uses for an unset variable. */
    @Test
    void defaultsWrittenAsValuesAreTheLoadersDefaults() throws ConfigException {
        BotConfig defaults = ConfigLoader.load(Map.of("TELEGRAM_BOT_TOKEN", TOKEN));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Markdown.Table table : configurationTables()) {
            int column = table.header().indexOf("default");
            if (column < 0) {
                continue;
            }
            for (Markdown.Row row : table.rows()) {
                Matcher value = VALUE_DEFAULT.matcher(row.cell(column));
                Optional<String> name = name(row);
                if (name.isEmpty() || !value.matches()) {
                    continue;
                }
                Map<String, String> env = new HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", TOKEN));
                env.put(name.get(), value.group(1));
                checked++;
                try {
                    if (!ConfigLoader.load(env).equals(defaults)) {
                        problems.add(where(table, row) + ": " + name.get() + "=" + value.group(1)
                                + " is not the loader's default");
                    }
                } catch (ConfigException e) {
                    problems.add(where(table, row) + ": " + name.get() + "=" + value.group(1) + " is refused: "
                            + e.problems());
                }
            }
        }
        assertEquals(List.of(), problems, "documented defaults that are not the loader's");
        assertTrue(checked >= 10, "only " + checked + " defaults found to check: do the tables still have a"
                + " \"default\" column?");
    }

    /** Variables read with System.getenv outside the loader are not configuration, but the docs must name them. */
    @Test
    void variablesReadOutsideTheLoaderAreNamedInTheDocs() throws IOException {
        StringBuilder docs = new StringBuilder();
        for (Path page : Markdown.pages()) {
            docs.append(Files.readString(page, StandardCharsets.UTF_8));
        }
        List<String> problems = new ArrayList<>();
        int found = 0;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.equals(LOADER_SOURCE)).toList()) {
                Matcher m = GETENV.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    Matcher literal = LITERAL.matcher(m.group(1));
                    if (!literal.matches()) {
                        problems.add(file + ": System.getenv(" + m.group(1) + ") reads the environment without"
                                + " naming one variable; configuration goes through ConfigLoader");
                    } else if (!docs.toString().contains("`" + literal.group(1) + "`")) {
                        problems.add(file + " reads " + literal.group(1) + ", which no page names (README.md or"
                                + " docs/*.md, as `" + literal.group(1) + "`)");
                    }
                    found++;
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(found > 0, "no System.getenv found outside ConfigLoader: is " + MAIN_SOURCES + " still there?");
    }

    private static Markdown.Table readmeTable() {
        List<Markdown.Table> tables = Markdown.tables(Markdown.README).stream()
                .filter(t -> t.heading().equals(README_SECTION) && isConfigurationTable(t))
                .toList();
        assertEquals(1, tables.size(), "README.md should have one configuration table under \"## "
                + README_SECTION + "\", found " + tables.size());
        return tables.getFirst();
    }

    private static List<Markdown.Table> configurationTables() {
        List<Markdown.Table> tables = new ArrayList<>();
        for (Path page : Markdown.pages()) {
            Markdown.tables(page).stream().filter(ConfigDocumentationTest::isConfigurationTable).forEach(tables::add);
        }
        assertFalse(tables.isEmpty(), "no configuration tables found in " + Markdown.pages());
        return tables;
    }

    /** Any row naming a variable makes it one; then every row must (a malformed name is not skipped quietly). */
    private static boolean isConfigurationTable(Markdown.Table table) {
        return table.rows().stream().anyMatch(row -> name(row).isPresent());
    }

    private static Optional<String> name(Markdown.Row row) {
        Matcher m = NAME_CELL.matcher(row.cell(0));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String where(Markdown.Table table, Markdown.Row row) {
        return table.page() + ":" + row.line();
    }
}
