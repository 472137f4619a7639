package dev.weatheragent.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.weatheragent.docs.Markdown;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** charts/weather-agent/README.md lists every value of values.yaml as ChartReadme generates it, and is not stale. */
class ChartReadmeTest {

    @Test
    void theValuesTableIsWhatValuesYamlGenerates() throws IOException {
        String readme = Files.readString(ChartReadme.README);
        String expected = ChartReadme.withTable(readme,
                ChartReadme.table(Files.readString(HelmChart.CHART.resolve("values.yaml"))));
        assertEquals(expected, readme,
                ChartReadme.README + " is stale; regenerate it with:\n  " + ChartReadme.COMMAND);
    }

    @Test
    void everyValueHasARowWithItsDefault() throws IOException {
        List<ChartReadme.Param> params = ChartReadme.params(Files.readString(HelmChart.CHART.resolve("values.yaml")));
        Set<String> rows = new TreeSet<>();
        Pattern key = Pattern.compile("`([^`]+)`");
        for (Markdown.Table table : Markdown.tables(ChartReadme.README)) {
            assertEquals(List.of("name", "description", "default"), table.header());
            for (Markdown.Row row : table.rows()) {
                Matcher m = key.matcher(row.cell(0));
                assertTrue(m.matches(), row.cells()::toString);
                rows.add(m.group(1));
            }
        }
        assertEquals(params.stream().map(ChartReadme.Param::key).collect(Collectors.toCollection(TreeSet::new)), rows);
        assertTrue(params.stream().anyMatch(p -> p.key().equals("image.registry")
                && p.defaultValue().equals("ghcr.io")));
        assertTrue(params.stream().anyMatch(p -> p.key().equals("persistence.accessModes")
                && p.defaultValue().equals("[\"ReadWriteOnce\"]")));
        assertTrue(params.stream().anyMatch(p -> p.key().equals("replicaCount")
                && p.description().endsWith("and a SQLite file cannot be shared.")),
                "a description goes on over the ## lines after it");
    }

    @Test
    void aParamNamingNoValueIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChartReadme.params("## @param missing.key Not there\nother: 1\n"));
        assertTrue(e.getMessage().contains("missing.key"), e.getMessage());
    }
}
