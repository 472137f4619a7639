package dev.weatheragent.fakes;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs the fake Telegram and Open-Meteo servers as a process, for tests of the packaged app outside the JVM (the
 * container image test). Writes an env file pointing the app at the fakes, queues {@code /weather Kyiv} from chat
 * {@value #CHAT}, and reports on stdout: {@code READY}, {@code REPLY <first line>}, {@code CONFIRMED}. Runs until
 * stdin closes or the process is killed.
 *
 * <p>Each stdin line {@code SEND <text>} queues that text from the same chat, waits for the bot's next message to
 * it and prints {@code ANSWER <n> <text>} (n counts the SEND lines from 1; the message's lines joined by
 * {@code " | "}), or {@code NO-ANSWER <n>} after two minutes. One line at a time: the next is read after the answer.
 * The line {@code POLLS} prints {@code POLLS <ms>,<ms>,...}: when each {@code getUpdates} so far arrived, in
 * milliseconds since the epoch (for start-up times measured from another process on the same machine).
 */
public final class FakeServersMain {

    static final long CHAT = 4242;

    private FakeServersMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: FakeServersMain <env file to write>");
            System.exit(2);
        }
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC()); FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            Files.writeString(Path.of(args[0]), String.join("\n",
                    "TELEGRAM_BOT_TOKEN=" + FakeTelegram.TOKEN,
                    "TELEGRAM_API_BASE_URL=" + telegram.baseUrl(),
                    "OPEN_METEO_FORECAST_URL=" + meteo.forecastUrl(),
                    "OPEN_METEO_GEOCODING_URL=" + meteo.geocodingUrl(),
                    "POLL_TIMEOUT_SECONDS=2",
                    ""), StandardCharsets.UTF_8);
            long updateId = telegram.sendText(CHAT, "/weather Kyiv", "en");
            System.out.println("READY");
            System.out.flush();
            Thread.ofVirtual().start(() -> report(telegram, updateId));
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int sends = 0;
            for (String line; (line = stdin.readLine()) != null; ) {
                // anything else: keep serving until stdin closes
                if (line.startsWith("SEND ")) {
                    answer(telegram, ++sends, line.substring("SEND ".length()));
                } else if (line.equals("POLLS")) {
                    System.out.println("POLLS " + String.join(",", telegram.polls().stream()
                            .map(poll -> String.valueOf(poll.at().toEpochMilli())).toList()));
                    System.out.flush();
                }
            }
        }
    }

    private static void answer(FakeTelegram telegram, int n, String text) throws InterruptedException {
        int before = telegram.sentTo(CHAT).size();
        telegram.sendText(CHAT, text, "en");
        try {
            FakeTelegram.Sent reply = telegram.awaitSentTo(CHAT, before + 1, Duration.ofMinutes(2)).get(before);
            System.out.println("ANSWER " + n + " " + String.join(" | ", reply.plainText().lines().toList()));
        } catch (AssertionError e) {
            System.out.println("NO-ANSWER " + n);
        }
        System.out.flush();
    }

    private static void report(FakeTelegram telegram, long updateId) {
        try {
            FakeTelegram.Sent reply = telegram.awaitSent(s -> s.chatId() == CHAT, Duration.ofMinutes(10));
            System.out.println("REPLY " + reply.plainText().lines().findFirst().orElse(""));
            System.out.flush();
            while (telegram.unconfirmed().contains(updateId)) {
                Thread.sleep(50);
            }
            System.out.println("CONFIRMED");
            System.out.flush();
            if (!telegram.specViolations().isEmpty()) {
                System.out.println("SPEC-VIOLATIONS " + telegram.specViolations());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
