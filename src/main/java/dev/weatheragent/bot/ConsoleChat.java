package dev.weatheragent.bot;

import dev.weatheragent.telegram.Html;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The bot in a terminal: each line of standard input is a message from one private chat, and each reply is
 * printed as plain text followed by an empty line. A chart is written to a PNG file in {@code java.io.tmpdir},
 * whose path is printed with the caption. Commands, and the agent when a key is set, work as in Telegram; it ends at
 * the end of input. For trying the bot without Telegram.
 */
public final class ConsoleChat {

    /** The chat id the console conversation uses for settings and memory. */
    static final long CHAT_ID = 1;

    private ConsoleChat() {
    }

    /**
     * Runs until standard input ends.
     *
     * @param lang the terminal's {@code LANG}, like {@code uk_UA.UTF-8}; Ukrainian replies for {@code uk}
     */
    public static void run(WeatherBot bot, String lang) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String language = lang == null || lang.length() < 2 ? "en" : lang.substring(0, 2).toLowerCase(Locale.ROOT);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String text = TextCleaner.clean(line).strip();
                if (text.isEmpty()) {
                    continue;
                }
                bot.handle(new Incoming(CHAT_ID, true, language, text, null), new Replier() {
                    @Override
                    public boolean reply(String html) {
                        out.println(Html.toPlainText(html));
                        out.println();
                        return true;
                    }

                    @Override
                    public boolean photo(byte[] png, String captionHtml) {
                        Path file;
                        try {
                            file = Files.createTempFile("weather-chart-", ".png");
                            Files.write(file, png);
                        } catch (IOException e) {
                            return false;
                        }
                        out.println("[chart: " + file.toAbsolutePath() + "]");
                        out.println(Html.toPlainText(captionHtml));
                        out.println();
                        return true;
                    }

                    @Override
                    public int captionLimit() {
                        return Integer.MAX_VALUE;
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
