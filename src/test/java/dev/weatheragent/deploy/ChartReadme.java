package dev.weatheragent.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The values tables of charts/weather-agent/README.md, generated from the Bitnami-style {@code ## @section} and
 * {@code ## @param key description} comments of values.yaml (a description goes on over the {@code ##} lines right
 * after it) with each value's default from the YAML itself. {@code ChartReadmeTest} fails when the README is stale;
 * {@link #main} rewrites the part between the markers:
 *
 * <pre>mvn -q test-compile exec:exec -DmainClass=dev.weatheragent.deploy.ChartReadme -Dexec.classpathScope=test</pre>
 *
 * (exec:exec with the Helidon parent's java command line, whose main class is the {@code mainClass} property.)
 */
final class ChartReadme {

    static final Path README = HelmChart.CHART.resolve("README.md");
    static final String BEGIN = "<!-- values table: generated from values.yaml by ChartReadme, do not edit -->";
    static final String END = "<!-- end of the values table -->";
    static final String COMMAND = "mvn -q test-compile exec:exec -DmainClass=dev.weatheragent.deploy.ChartReadme"
            + " -Dexec.classpathScope=test";

    private static final String SECTION = "## @section ";
    private static final String PARAM = "## @param ";

    /** One documented value: its dotted key, its description and its default as the table shows it. */
    record Param(String section, String key, String description, String defaultValue) {
    }

    private ChartReadme() {
    }

    public static void main(String[] args) throws IOException {
        String readme = Files.readString(README);
        Files.writeString(README, withTable(readme, table(Files.readString(HelmChart.CHART.resolve("values.yaml")))));
        System.out.println("wrote the values table of " + README);
    }

    /** The README with the text between its markers replaced by {@code table}. */
    static String withTable(String readme, String table) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(README + " needs the markers " + BEGIN + " and " + END);
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + table + readme.substring(end);
    }

    /** The generated Markdown: per section a heading and a table of name, description and default. */
    static String table(String valuesYaml) {
        StringBuilder out = new StringBuilder();
        String section = null;
        for (Param p : params(valuesYaml)) {
            if (!p.section().equals(section)) {
                section = p.section();
                out.append("\n### ").append(section).append("\n\n")
                        .append("| name | description | default |\n| --- | --- | --- |\n");
            }
            out.append("| `").append(p.key()).append("` | ").append(cell(p.description())).append(" | `")
                    .append(p.defaultValue()).append("` |\n");
        }
        return out.append('\n').toString();
    }

    static List<Param> params(String valuesYaml) {
        JsonNode values = new YAMLMapper().readTree(valuesYaml);
        List<Param> params = new ArrayList<>();
        String section = "Parameters";
        String key = null;
        StringBuilder description = new StringBuilder();
        for (String raw : valuesYaml.split("\n", -1)) {
            String line = raw.strip();
            boolean continuation = key != null && line.startsWith("## ") && !line.startsWith("## @");
            if (continuation) {
                description.append(' ').append(line.substring(3).strip());
                continue;
            }
            if (key != null) {
                params.add(new Param(section, key, description.toString(), shown(values, key)));
                key = null;
            }
            if (line.startsWith(SECTION)) {
                section = line.substring(SECTION.length()).strip();
            } else if (line.startsWith(PARAM)) {
                String rest = line.substring(PARAM.length());
                int space = rest.indexOf(' ');
                key = space < 0 ? rest : rest.substring(0, space);
                description = new StringBuilder(space < 0 ? "" : rest.substring(space + 1).strip());
            }
        }
        return params;
    }

    /** A default as YAML would write it on one line: `""`, `[]`, `{}`, `50m`, `["ReadWriteOnce"]`. */
    private static String shown(JsonNode values, String key) {
        JsonNode value = values.at("/" + key.replace('.', '/'));
        if (value.isMissingNode()) {
            throw new IllegalArgumentException("## @param " + key + " names no value in values.yaml");
        }
        if (value.isString()) {
            return value.asString().isEmpty() ? "\"\"" : value.asString();
        }
        return JsonMapper.builder().build().writeValueAsString(value);
    }

    /** Table-cell safe: a | would end the cell, a <name> would vanish as an unknown HTML tag. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;");
    }
}
