package dev.weatheragent.bot;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ButtonCodecTest {

    private final ButtonCodec codec = ButtonCodec.forToken("123:secret");

    @Test
    void dataRoundTripsForItsChatWithinSixtyFourBytes() {
        String data = codec.encode(-1001234567890123L, 'w', "zzzzzzzz", "5", "16");
        assertThat(data.getBytes(StandardCharsets.UTF_8).length, lessThanOrEqualTo(ButtonCodec.MAX_BYTES));
        assertThat(codec.decode(-1001234567890123L, data),
                equalTo(new ButtonCodec.Valid('w', List.of("zzzzzzzz", "5", "16"))));
    }

    @Test
    void anotherChatAnotherTokenOrAChangedFieldFailTheSignature() {
        String data = codec.encode(42, 'c', "u", "imperial");
        assertThat(codec.decode(43, data), instanceOf(ButtonCodec.Rejected.class));
        assertThat(ButtonCodec.forToken("123:other").decode(42, data), instanceOf(ButtonCodec.Rejected.class));
        assertThat(codec.decode(42, data.replace("imperial", "metric")), instanceOf(ButtonCodec.Rejected.class));
    }

    @Test
    void anotherVersionIsStaleAndGarbageIsRejected() {
        String data = codec.encode(42, 'c', "u", "imperial");
        assertThat(codec.decode(42, "2" + data.substring(1)), instanceOf(ButtonCodec.Stale.class));
        for (String bad : new String[] {null, "", "1", "x", "1.", "1c", "é".repeat(33), "1c.u.imperial"}) {
            assertThat(String.valueOf(bad), codec.decode(42, bad), instanceOf(ButtonCodec.Rejected.class));
        }
    }

    @Test
    void dataThatCannotBeEncodedIsRefusedClearly() {
        IllegalArgumentException dot = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(1, 'w', "a.b"));
        assertThat(dot.getMessage(), equalTo("callback data field cannot be encoded: a.b"));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(1, 'w', "a".repeat(16), "b".repeat(16), "c".repeat(16), "dd"));
        assertThat(tooLong.getMessage().startsWith("callback data longer than 64 bytes"), equalTo(true));
    }
}
