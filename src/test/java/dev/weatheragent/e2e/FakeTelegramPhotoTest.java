package dev.weatheragent.e2e;

import dev.weatheragent.fakes.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * The fake Telegram's {@code sendPhoto} rejects what the real one would, so that the chart tests' "no spec
 * violations" means something: a file in a field that takes none, unknown fields, a photo that is not an image, a
 * caption over 1024 characters, a body that is not valid multipart.
 */
class FakeTelegramPhotoTest {

    private static final String BOUNDARY = "test-boundary-42";
    private FakeTelegram telegram;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        telegram = new FakeTelegram(Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        telegram.close();
        http.close();
    }

    private static byte[] png(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    /** A form: alternating names and values; a byte[] value is a file part. */
    private HttpResponse<String> post(Object... form) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < form.length; i += 2) {
            body.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (form[i + 1] instanceof byte[] file) {
                body.writeBytes(("Content-Disposition: form-data; name=\"" + form[i] + "\"; filename=\"x.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.writeBytes(file);
            } else {
                body.writeBytes(("Content-Disposition: form-data; name=\"" + form[i] + "\"\r\n\r\n" + form[i + 1])
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/bot" + FakeTelegram.TOKEN
                        + "/sendPhoto"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aValidUploadIsDecodedAndRecorded() throws Exception {
        HttpResponse<String> ok = post("chat_id", "7", "photo", png(300, 200), "caption", "<b>Kyiv</b> &amp; more",
                "parse_mode", "HTML", "reply_parameters", "{\"message_id\":3,\"allow_sending_without_reply\":true}");
        assertThat(ok.body(), ok.statusCode(), equalTo(200));
        assertThat(telegram.photos(), hasSize(1));
        FakeTelegram.Photo photo = telegram.photos().getFirst();
        assertThat(photo.plainCaption(), equalTo("Kyiv & more"));
        assertThat(photo.replyTo(), equalTo(3L));
        assertThat(photo.width(), equalTo(300));
        assertThat(telegram.specViolations(), is(empty()));
    }

    @Test
    void whatTheRealApiRefusesIsRefused() throws Exception {
        assertThat(post("chat_id", "7", "photo", "not a file id").body(), containsString("wrong file identifier"));
        assertThat(post("chat_id", "7", "photo", "GIF89a".getBytes(StandardCharsets.US_ASCII)).body(),
                containsString("IMAGE_PROCESS_FAILED"));
        assertThat(post("chat_id", "7", "photo", png(100, 2100)).body(), containsString("PHOTO_INVALID_DIMENSIONS"));
        assertThat(post("chat_id", "7", "photo", png(10, 10), "caption", "x".repeat(1025)).body(),
                containsString("caption is too long"));
        assertThat(post("chat_id", "7", "photo", png(10, 10), "caption", "<b>open", "parse_mode", "HTML").body(),
                containsString("can't parse entities"));
        assertThat(telegram.photos(), is(empty()));
        assertThat(telegram.specViolations(), is(empty()));
    }

    @Test
    void fieldsAreCheckedAgainstTheSpec() throws Exception {
        assertThat(post("chat_id", "7", "photo", png(10, 10), "caption", png(10, 10)).statusCode(), equalTo(400));
        assertThat(post("chat_id", "7", "photo", png(10, 10), "colour", "red").statusCode(), equalTo(400));
        assertThat(post("photo", png(10, 10)).statusCode(), equalTo(400));
        assertThat(post("chat_id", "7", "photo", png(10, 10), "reply_parameters", "{\"message_id\":\"x\"}")
                .statusCode(), equalTo(400));
        assertThat(telegram.specViolations(), hasItem(containsString("caption does not take a file")));
        assertThat(telegram.specViolations(), hasItem(containsString("unknown field colour")));
        assertThat(telegram.specViolations(), hasItem(containsString("missing required chat_id")));
        assertThat(telegram.specViolations(), hasItem(containsString("reply_parameters")));
        assertThat(telegram.photos(), is(empty()));
    }
}
