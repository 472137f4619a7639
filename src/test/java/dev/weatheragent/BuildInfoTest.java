package dev.weatheragent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

class BuildInfoTest {

    @Test
    void theBuildFillsInThePomVersionAndTheGitRevision() throws IOException {
        Matcher pom = Pattern.compile("<artifactId>weather-agent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find(), is(true));

        BuildInfo info = BuildInfo.load();

        assertThat(info.version(), equalTo(pom.group(1)));
        // A checkout gives the full commit id; a build without git (the image build sees no .git) says unknown.
        assertThat(info.revision(), anyOf(matchesPattern("[0-9a-f]{40}"), is("unknown")));
    }

    @Test
    void placeholdersMavenDidNotFillInAndAMissingFileSayUnknown() {
        assertThat(BuildInfo.load("/dev/weatheragent/unfiltered-build.properties"),
                equalTo(new BuildInfo("unknown", "unknown")));
        BuildInfo missing = BuildInfo.load("/dev/weatheragent/no-such-build.properties");
        assertThat(missing, equalTo(new BuildInfo("unknown", "unknown")));
        assertThat(missing.fields().toString(), is("version=unknown revision=unknown"));
    }
}
