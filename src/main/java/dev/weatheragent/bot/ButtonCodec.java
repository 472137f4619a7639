package dev.weatheragent.bot;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The callback data of the bot's buttons: compact, versioned and signed, at most 64 bytes (Telegram's limit).
 * {@code 1w.k3x9a2.0.3.Ab3_x-Q9}: the format version, one letter for the action, its fields, and a MAC over the
 * chat id and all of that. The MAC's key comes from the bot token, so it survives restarts and no one else can make
 * one; as the chat id is part of what it covers, a button copied into another chat (or forged data of any kind)
 * fails the check and does nothing. Data of another version is from an older build: stale, not forged.
 */
public final class ButtonCodec {

    /** Telegram's limit for callback_data, in bytes of UTF-8. */
    public static final int MAX_BYTES = 64;
    static final char VERSION = '1';
    private static final int MAC_BYTES = 6;
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9:_-]{1,16}");

    private final SecretKeySpec key;

    private ButtonCodec(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A codec whose key is derived from the bot token: buttons stay valid across restarts of the same bot. */
    public static ButtonCodec forToken(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("weather-agent callback data".getBytes(StandardCharsets.UTF_8));
            return new ButtonCodec(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** What a press's data turned out to be. */
    sealed interface Decoded {
    }

    /** Data this build made for this chat: the action letter and its fields. */
    record Valid(char action, List<String> fields) implements Decoded {
    }

    /** Data of another format version, from before a code change: worth a polite word, nothing else. */
    record Stale() implements Decoded {
    }

    /** Malformed, forged, or made for another chat: ignored. */
    record Rejected(String why) implements Decoded {
    }

    /**
     * The data of a button for this chat.
     *
     * @throws IllegalArgumentException for a field that the format cannot carry, or data past 64 bytes
     */
    String encode(long chatId, char action, String... fields) {
        StringBuilder body = new StringBuilder().append(VERSION).append(action);
        for (String field : fields) {
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("callback data field cannot be encoded: " + field);
            }
            body.append('.').append(field);
        }
        String data = body + "." + mac(chatId, body.toString());
        if (data.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("callback data longer than " + MAX_BYTES + " bytes: " + data);
        }
        return data;
    }

    /** Checks data that a press in this chat sent. Never throws, whatever the data. */
    Decoded decode(long chatId, String data) {
        if (data == null || data.length() < 2 || data.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return new Rejected("malformed");
        }
        if (data.charAt(0) != VERSION) {
            return Character.isDigit(data.charAt(0)) ? new Stale() : new Rejected("malformed");
        }
        int lastDot = data.lastIndexOf('.');
        if (lastDot < 2) {
            return new Rejected("malformed");
        }
        String body = data.substring(0, lastDot);
        byte[] expected = mac(chatId, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = data.substring(lastDot + 1).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            return new Rejected("signature does not match this chat");
        }
        List<String> parts = List.of(body.split("\\.", -1));
        return new Valid(body.charAt(1), parts.subList(1, parts.size()));
    }

    private String mac(long chatId, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((chatId + "|").getBytes(StandardCharsets.US_ASCII));
            byte[] full = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, MAC_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
