package dev.weatheragent.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

class RedactorTest {

    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw-_";

    @Test
    void configuredSecretIsMasked() {
        Redactor redactor = new Redactor(List.of("s3cr3t-value"));
        assertThat(redactor.redact("password is s3cr3t-value, again s3cr3t-value."),
                is("password is ***, again ***."));
    }

    @Test
    void configuredTokenInsideAUrlIsMasked() {
        Redactor redactor = new Redactor(List.of(TOKEN));
        assertThat(redactor.redact("GET https://api.telegram.org/bot" + TOKEN + "/getMe failed"),
                is("GET https://api.telegram.org/bot***/getMe failed"));
    }

    @Test
    void configuredSecretThatIsNotTokenShapedIsStillMasked() {
        // A short bot id (4 digits) does not match the generic token shape; the configured value catches it.
        String shortIdToken = "1234:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        assertThat(new Redactor(List.of()).redact(shortIdToken), is(shortIdToken));
        assertThat(new Redactor(List.of(shortIdToken)).redact("x " + shortIdToken + " y"), is("x *** y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "98765:ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
            "5555555555:AAF-dl_xyz0123456789abcdefghijKLMNOP",
            "12345678901234567890:" + "abcdefghij" + "abcdefghij" + "abcdefghij"})
    void anyTokenShapedStringIsMaskedWithoutConfiguration(String token) {
        Redactor redactor = new Redactor(List.of());
        assertThat(redactor.redact("url https://api.telegram.org/bot" + token + "/sendMessage: 404"),
                is("url https://api.telegram.org/bot***/sendMessage: 404"));
    }

    @Test
    void textWithoutSecretsIsUnchanged() {
        Redactor redactor = new Redactor(List.of(TOKEN));
        String text = "update 123456789 chat -1001234567890 at 12:30:45, ids 1:2 and 12345:short";
        assertThat(redactor.redact(text), is(text));
        assertThat(redactor.redact(""), is(""));
    }

    @Test
    void nullStaysNull() {
        assertThat(new Redactor(List.of(TOKEN)).redact(null), is(nullValue()));
    }

    @Test
    void nullAndTinySecretsAreIgnoredRatherThanMaskingEverything() {
        Redactor redactor = new Redactor(Arrays.asList(null, "", "a", "abc", "long-secret"));
        assertThat(redactor.redact("a cab has a long-secret"), is("a cab has a ***"));
    }

    @Test
    void multilineStackTraceTextIsMaskedEverywhere() {
        Redactor redactor = new Redactor(List.of(TOKEN));
        String trace = "java.io.IOException: https://api.telegram.org/bot" + TOKEN + "/getUpdates\n"
                + "\tat x.y(Z.java:1)\nCaused by: java.lang.Exception: " + TOKEN + "\n";
        assertThat(redactor.redact(trace), is("java.io.IOException: https://api.telegram.org/bot***/getUpdates\n"
                + "\tat x.y(Z.java:1)\nCaused by: java.lang.Exception: ***\n"));
    }
}
