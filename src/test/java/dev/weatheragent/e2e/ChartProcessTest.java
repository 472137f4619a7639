package dev.weatheragent.e2e;

import dev.weatheragent.fakes.FakeOpenMeteo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Charts in a process of their own (console mode, the same bot): nothing of the chart library, AWT or the fonts is
 * loaded until the first chart; the chart becomes a PNG file; and on a machine whose fontconfig knows no fonts (the
 * real way headless charts fail) the user gets the text forecast instead.
 */
class ChartProcessTest {

    /** The JVM's log of loaded classes names these for anything chart-related. */
    private static final Pattern CHART_CLASSES = Pattern.compile(
            "org\\.jfree|java\\.awt|sun\\.awt|sun\\.font|sun\\.java2d|javax\\.imageio");

    @TempDir
    Path workDir;
    private FakeOpenMeteo meteo;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        meteo = new FakeOpenMeteo(Clock.systemUTC());
    }

    @AfterEach
    void stop() throws IOException {
        processes.forEach(Process::destroyForcibly);
        meteo.close();
    }

    private record Run(String out, String err, String classes) {
    }

    private Run console(String input, Map<String, String> env) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path classes = workDir.resolve("classes-" + processes.size() + ".log");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xlog:class+load:file=" + classes,
                // A home of its own: the JDK caches what fontconfig found in ~/.java/fonts, across runs.
                "-Djava.io.tmpdir=" + workDir, "-Duser.home=" + workDir, "-cp", System.getProperty("java.class.path"),
                "dev.weatheragent.Main", "--console");
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("OPEN_METEO_FORECAST_URL", meteo.forecastUrl().toString());
        builder.environment().put("OPEN_METEO_GEOCODING_URL", meteo.geocodingUrl().toString());
        builder.environment().put("LANG", "en_US.UTF-8");
        builder.environment().putAll(env);
        Path stdout = workDir.resolve("out-" + processes.size() + ".txt");
        Path stderr = workDir.resolve("err-" + processes.size() + ".txt");
        builder.directory(workDir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        processes.add(process);
        try (var in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS), is(true));
        assertThat(process.exitValue(), equalTo(0));
        return new Run(Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8),
                Files.readString(classes, StandardCharsets.UTF_8));
    }

    @Test
    void commandsWithoutAChartLoadNothingOfTheChartLibraryAwtOrFonts() throws Exception {
        Run run = console("/weather Kyiv\n/forecast Lviv 5\n/help\n", Map.of());
        assertThat(run.out(), allOf(containsString("Kyiv, Kyiv City, Ukraine"), containsString("/chart")));
        Matcher loaded = CHART_CLASSES.matcher(run.classes());
        assertThat("loaded " + (loaded.find() ? loaded.group() : ""), CHART_CLASSES.matcher(run.classes()).find(),
                is(false));
    }

    @Test
    void aChartInTheConsoleIsAPngFileAndLoadsTheChartLibraryThen() throws Exception {
        Run run = console("/chart Kyiv 2\n", Map.of());
        Matcher file = Pattern.compile("\\[chart: (.+\\.png)]").matcher(run.out());
        assertThat(run.out() + run.err(), file.find(), is(true));
        Path png = Path.of(file.group(1));
        assertThat("written to java.io.tmpdir", png.getParent(), equalTo(workDir));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(List.of(image.getWidth(), image.getHeight()), equalTo(List.of(1200, 700)));
        assertThat(run.out(), allOf(containsString("Kyiv, Kyiv City, Ukraine — 2-day chart"),
                containsString("Weather data by Open-Meteo.com")));
        assertThat(run.classes(), containsString("org.jfree.chart.JFreeChart"));
        assertThat(run.err(), containsString("first chart drawn in"));
    }

    @Test
    void withoutUsableFontsTheChartBecomesTheTextForecast() throws Exception {
        Path fonts = workDir.resolve("no-fonts.conf");
        Files.writeString(fonts, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
                + "<fontconfig></fontconfig>\n");
        Run run = console("/chart Kyiv 2\n/weather Kyiv\n", Map.of("FONTCONFIG_FILE", fonts.toString()));
        assertThat(run.out(), allOf(containsString("here is the forecast as text"),
                containsString("Kyiv, Kyiv City, Ukraine — 2-day forecast"), not(containsString("[chart:"))));
        assertThat("the bot goes on answering", run.out(), containsString("feels like"));
        assertThat(run.err(), containsString("not drawn"));
    }
}
