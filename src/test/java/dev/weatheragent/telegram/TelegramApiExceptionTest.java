package dev.weatheragent.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Too Many Requests: retry after 3|3",
            "too many requests: Retry After 120|120",
            "Flood control exceeded. Retry after 7 seconds|7"})
    void retryAfterFromTheDescriptionWhenParametersAreMissing(String description, long seconds) {
        assertThat(new TelegramApiException("sendMessage", 429, description, null).retryAfter(),
                is(Optional.of(Duration.ofSeconds(seconds))));
    }

    @Test
    void theParametersWinOverTheDescription() {
        assertThat(new TelegramApiException("sendMessage", 429, "Too Many Requests: retry after 3", 5).retryAfter(),
                is(Optional.of(Duration.ofSeconds(5))));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void floodControlAndServerErrorsAreTransient(int code) {
        assertThat(new TelegramApiException("sendMessage", code, "x", null).isTransient(), is(true));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409})
    void clientErrorsAreNotTransient(int code) {
        assertThat(new TelegramApiException("sendMessage", code, "x", null).isTransient(), is(false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "403|Forbidden: bot was blocked by the user",
            "403|Forbidden: user is deactivated",
            "403|Forbidden: bot was kicked from the supergroup chat",
            "403|Forbidden: bot is not a member of the channel chat",
            "400|Bad Request: chat not found",
            "400|Bad Request: PEER_ID_INVALID",
            "400|Bad Request: not enough rights to send text messages to the chat",
            "400|Bad Request: have no rights to send a message"})
    void chatsThatCannotBeReached(int code, String description) {
        assertThat(new TelegramApiException("sendMessage", code, description, null).isChatUnreachable(), is(true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "400|Bad Request: message is too long",
            "400|Bad Request: can't parse entities: Unsupported start tag",
            "429|Too Many Requests: retry after 3",
            "502|Bad Gateway"})
    void otherErrorsLeaveTheChatReachable(int code, String description) {
        assertThat(new TelegramApiException("sendMessage", code, description, null).isChatUnreachable(), is(false));
    }
}
