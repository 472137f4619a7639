package dev.weatheragent.chart;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/** The README's example chart is made by {@link ExampleChart} with the real renderer, and still is what it shows. */
class ExampleChartTest {

    @Test
    void theReadmesExampleIsARealChartOfTheRightSize() throws Exception {
        Path fresh = Path.of("target", "charts", "chart-example.png");
        ExampleChart.main(new String[] {fresh.toString()});
        BufferedImage made = ImageIO.read(fresh.toFile());
        BufferedImage committed = ImageIO.read(Path.of("docs", "chart-example.png").toFile());
        assertThat(List.of(committed.getWidth(), committed.getHeight()), equalTo(List.of(1200, 700)));
        assertThat(List.of(made.getWidth(), made.getHeight()), equalTo(List.of(1200, 700)));
        assertThat(Files.size(Path.of("docs", "chart-example.png")), greaterThan(20_000L));
        assertThat(Files.readString(Path.of("README.md")).contains("docs/chart-example.png"), equalTo(true));
    }
}
