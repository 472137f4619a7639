package dev.weatheragent;

import dev.weatheragent.logging.LogFields;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and git revision this build was made from, from {@code build.properties} (filled in by Maven). A build
 * without git, or a copy of the classes without the file, says {@code unknown} instead of failing.
 */
record BuildInfo(String version, String revision) {

    static final String RESOURCE = "/dev/weatheragent/build.properties";
    private static final String UNKNOWN = "unknown";

    static BuildInfo load() {
        return load(RESOURCE);
    }

    static BuildInfo load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return new BuildInfo(filled(properties.getProperty("version")), filled(properties.getProperty("revision")));
    }

    LogFields fields() {
        return LogFields.of("version", version).with("revision", revision);
    }

    /** A placeholder Maven did not fill in counts as unknown. */
    private static String filled(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.strip();
    }
}
