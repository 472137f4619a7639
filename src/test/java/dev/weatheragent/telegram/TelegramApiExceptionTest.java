package dev.weatheragent.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class TelegramApiExceptionTest {

    @Test
    void messageNamesMethodCodeAndDescription() {
        TelegramApiException e = new TelegramApiException("sendMessage", 403,
                "Forbidden: bot was blocked by the user", null);
        assertThat(e.getMessage(), is("sendMessage failed: 403 Forbidden: bot was blocked by the user"));
        assertThat(e.method(), is("sendMessage"));
        assertThat(e.errorCode(), is(403));
        assertThat(e.description(), is("Forbidden: bot was blocked by the user"));
    }

    @Test
    void nullDescriptionBecomesEmpty() {
        TelegramApiException e = new TelegramApiException("getMe", 500, null, null);
        assertThat(e.description(), is(""));
        assertThat(e.isEntityParseError(), is(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Bad Request: can't parse entities: Unsupported start tag \"foo\" at byte offset 0",
            "Bad Request: Can't parse entities: Can't find end tag corresponding to start tag b",
            "BAD REQUEST: CAN'T PARSE ENTITIES"})
    void entityParseErrors(String description) {
        assertThat(new TelegramApiException("sendMessage", 400, description, null).isEntityParseError(), is(true));
    }

    @Test
    void otherErrorsAreNotEntityParseErrors() {
        assertThat(new TelegramApiException("sendMessage", 400, "Bad Request: chat not found", null)
                .isEntityParseError(), is(false));
        assertThat(new TelegramApiException("sendMessage", 400, "Bad Request: message is too long", null)
                .isEntityParseError(), is(false));
        // The right words with another code are not a parse error.
        assertThat(new TelegramApiException("sendMessage", 500, "can't parse entities", null)
                .isEntityParseError(), is(false));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 404})
    void tokenRejected(int code) {
        assertThat(new TelegramApiException("getMe", code, "Unauthorized", null).isTokenRejected(), is(true));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 409, 429, 500, 502})
    void tokenNotRejected(int code) {
        assertThat(new TelegramApiException("getUpdates", code, "x", null).isTokenRejected(), is(false));
    }

    @Test
    void retryAfter() {
        assertThat(new TelegramApiException("sendMessage", 429, "Too Many Requests: retry after 17", 17)
                .retryAfter(), is(Optional.of(Duration.ofSeconds(17))));
        assertThat(new TelegramApiException("sendMessage", 429, "Too Many Requests", null).retryAfter(),
                is(Optional.empty()));
        assertThat(new TelegramApiException("sendMessage", 429, "x", 0).retryAfter(),
                is(Optional.of(Duration.ZERO)));
    }
}
