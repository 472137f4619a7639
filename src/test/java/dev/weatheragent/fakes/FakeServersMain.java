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
            while (stdin.readLine() != null) {
                // keep serving until stdin closes
            }
        }
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
