package dev.weatheragent.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's documentation pages read as GitHub renders them, as far as the tests that keep them true need:
 * headings and their anchors, tables, and links. Fenced code blocks are left out of all three.
 */
public final class Markdown {

    public static final Path README = Path.of("README.md");
    public static final Path DOCS = Path.of("docs");

    private static final Pattern HEADING = Pattern.compile("#{1,6}\\s+(.*?)\\s*#*\\s*");
    private static final Pattern SEPARATOR = Pattern.compile("\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*");
    /** An inline link or image: [text](target) or [text](target "title"). */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

    private Markdown() {
    }

    /** A table: the heading it is under, its header cells and its rows, each row with its line number. */
    public record Table(Path page, String heading, List<String> header, List<Row> rows) {
    }

    /** One body row of a table; {@code line} counts from 1. */
    public record Row(int line, List<String> cells) {

        public String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }
    }

    /** A link or image target, as written, with its line number. */
    public record Link(Path page, int line, String target) {
    }

    /** README.md and every page in docs/. */
    public static List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        pages.add(README);
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    public static List<Table> tables(Path page) {
        List<String> lines = prose(page);
        List<Table> tables = new ArrayList<>();
        String heading = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                heading = h.group(1);
            }
            if (line.startsWith("|") && i + 1 < lines.size() && SEPARATOR.matcher(lines.get(i + 1)).matches()) {
                List<String> header = cells(line);
                List<Row> rows = new ArrayList<>();
                int j = i + 2;
                for (; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                    rows.add(new Row(j + 1, cells(lines.get(j))));
                }
                tables.add(new Table(page, heading, header, rows));
                i = j - 1;
            }
        }
        return tables;
    }

    public static List<Link> links(Path page) {
        List<String> lines = prose(page);
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            // Code spans are not links, but link texts may hold code spans: blank them out, keep the brackets.
            Matcher m = LINK.matcher(CODE_SPAN.matcher(lines.get(i)).replaceAll("``"));
            while (m.find()) {
                links.add(new Link(page, i + 1, m.group(1)));
            }
        }
        return links;
    }

    /** The anchors GitHub gives the page's headings, in order, duplicates numbered ({@code -1}, {@code -2}). */
    public static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(page)) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's heading anchor: lower case, punctuation dropped (letters of any script kept), spaces to hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }

    /** The page's lines with fenced code blocks blanked out, so that line numbers stay right. */
    private static List<String> prose(Path page) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(page, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            boolean fence = lines.get(i).stripLeading().startsWith("```");
            if (fence || fenced) {
                lines.set(i, "");
            }
            if (fence) {
                fenced = !fenced;
            }
        }
        return lines;
    }

    /** The cells of a table line, trimmed; {@code \|} does not split. */
    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }
}
