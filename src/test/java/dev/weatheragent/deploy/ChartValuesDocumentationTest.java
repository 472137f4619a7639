package dev.weatheragent.deploy;

import dev.weatheragent.docs.Markdown;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart values table of docs/deployment.md against charts/weather-agent/values.yaml: every key it names is a
 * value of the chart, and the default it shows (written as YAML: {@code `""`}, {@code `[]`}, {@code `50m`}) is the
 * one in values.yaml.
 */
class ChartValuesDocumentationTest {

    private static final Path PAGE = Path.of("docs/deployment.md");
    private static final Pattern KEY_CELL = Pattern.compile("`([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)*)`");
    private static final Pattern VALUE_CELL = Pattern.compile("`([^`]*)`");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyDocumentedValueAndDefaultIsTheChartsOwn() {
        JsonNode values = YAML.readTree(HelmChart.CHART.resolve("values.yaml").toFile());
        List<Markdown.Table> tables = Markdown.tables(PAGE).stream()
                .filter(t -> !t.header().isEmpty() && t.header().getFirst().equals("value")
                        && t.header().contains("default"))
                .toList();
        assertEquals(1, tables.size(), PAGE + " should have one chart values table (columns value, default, ...)");
        Markdown.Table table = tables.getFirst();
        int column = table.header().indexOf("default");
        List<String> problems = new ArrayList<>();
        for (Markdown.Row row : table.rows()) {
            String where = PAGE + ":" + row.line() + ": ";
            Matcher key = KEY_CELL.matcher(row.cell(0));
            Matcher shown = VALUE_CELL.matcher(row.cell(column));
            if (!key.matches() || !shown.matches()) {
                problems.add(where + "expected `key` and `default`, got " + row.cells());
                continue;
            }
            JsonNode actual = values.at("/" + key.group(1).replace('.', '/'));
            if (actual.isMissingNode()) {
                problems.add(where + key.group(1) + " is not in values.yaml");
                continue;
            }
            JsonNode documented = YAML.readTree(shown.group(1));
            if (!documented.equals(actual)) {
                problems.add(where + key.group(1) + " is documented as " + shown.group(1) + ", values.yaml has "
                        + actual);
            }
        }
        assertEquals(List.of(), problems, "the chart values table does not match values.yaml");
        assertTrue(table.rows().size() >= 10, "only " + table.rows().size() + " rows in the chart values table");
    }
}
