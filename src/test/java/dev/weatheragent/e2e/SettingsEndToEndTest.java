package dev.weatheragent.e2e;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.fakes.FakeTelegram.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The commands that remember: home, saved places, units, language, /settings and /forget_me, through the real
 * wiring with the chat settings in a real SQLite file, across restarts, and with the file gone.
 */
class SettingsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private BotHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new BotHarness().start();
    }

    @AfterEach
    void stop() throws Exception {
        h.closeCheckingSpec();
    }

    private String ask(long chat, String text) throws InterruptedException {
        return ask(chat, text, "en");
    }

    private String ask(long chat, String text, String language) throws InterruptedException {
        return h.ask(chat, text, language, WAIT).plainText();
    }

    private void restart() {
        h.stop();
        h.start();
    }

    @Test
    void aHomePlaceAnswersTheCommandsWithoutAPlace() throws Exception {
        assertThat(ask(1, "/weather"), allOf(containsString("Which place?"), containsString("/home Kyiv")));
        assertThat(ask(1, "/home"), containsString("No home place yet"));
        assertThat(ask(1, "/home Kyiv"), containsString("Home place set to Kyiv, Kyiv City, Ukraine"));
        assertThat(ask(1, "/home"), containsString("Your home place: Kyiv, Kyiv City, Ukraine"));
        assertThat(ask(1, "/weather"), startsWith("Kyiv, Kyiv City, Ukraine"));
        assertThat(ask(1, "/weather home"), startsWith("Kyiv, Kyiv City, Ukraine"));
        assertThat(ask(1, "/forecast 2"), allOf(startsWith("Kyiv"), containsString("2-day forecast")));
        int photos = h.telegram.photos().size();
        h.telegram.sendText(1, "/chart 2", "en");
        assertThat(h.telegram.awaitPhotosTo(1, 1, WAIT).getFirst().caption(), containsString("Kyiv"));
        assertThat(h.telegram.photos().size(), equalTo(photos + 1));
    }

    @Test
    void anAmbiguousHomeIsSavedAsTheLikeliestAndTheOthersAreNamed() throws Exception {
        String reply = ask(2, "/home Paris");
        assertThat(reply, allOf(containsString("Home place set to Paris, Île-de-France, France"),
                containsString("/home Paris, Texas")));
    }

    @Test
    void aSharedLocationBecomesHomeWithHome() throws Exception {
        h.telegram.sendLocation(3, 49.84, 24.03);
        assertThat(h.telegram.awaitSentTo(3, 1, WAIT).getFirst().plainText(), containsString("Send /home"));
        assertThat(ask(3, "/home"), containsString("Home place set to Location 49.8400, 24.0300"));
        assertThat(ask(3, "/settings"), containsString("Home: Location 49.8400, 24.0300"));
    }

    @Test
    void namedPlacesAreSavedUsedListedAndForgotten() throws Exception {
        assertThat(ask(4, "/save work Lviv"), allOf(containsString("Saved work: Lviv, Lviv Oblast, Ukraine"),
                containsString("/weather work")));
        assertThat(ask(4, "/save Дача Kyiv"), containsString("Saved Дача: Kyiv"));
        assertThat(ask(4, "/weather WORK"), startsWith("Lviv, Lviv Oblast, Ukraine"));
        assertThat(ask(4, "/forecast дача 3"), startsWith("Kyiv"));
        assertThat(ask(4, "/save work Kyiv"), containsString("work is now Kyiv, Kyiv City, Ukraine"));
        String places = ask(4, "/places");
        assertThat(places, allOf(containsString("Your places (2 of 10)"), containsString("work — Kyiv"),
                containsString("Дача — Kyiv")));
        assertThat(ask(4, "/forget work"), containsString("Removed work"));
        assertThat(ask(4, "/forget work"), containsString("You have no place named “work”"));
        assertThat(ask(4, "/weather work"), containsString("I couldn’t find “work”"));
    }

    @Test
    void badPlaceNamesGetAHintAndSaveNothing() throws Exception {
        assertThat(ask(5, "/save"), containsString("/save name place"));
        assertThat(ask(5, "/save 123 Kyiv"), containsString("at least one letter"));
        assertThat(ask(5, "/save home Kyiv"), containsString("taken by your home place"));
        assertThat(ask(5, "/save " + "a".repeat(33) + " Kyiv"), containsString("at most 32 characters"));
        assertThat(ask(5, "/save w<b> Kyiv"), containsString("one word of letters"));
        assertThat(ask(5, "/save work Atlantis"), containsString("I couldn’t find “Atlantis”"));
        assertThat(ask(5, "/places"), containsString("No saved places yet"));
    }

    @Test
    void aChatKeepsAtMostTenPlacesEvenWhenSavesArriveTogether() throws Exception {
        for (int i = 1; i <= 5; i++) {
            ask(6, "/save p" + i + " Kyiv");
        }
        // Six at once (a chat's queue holds ten; a flood beyond that is dropped), so one finds the places full.
        for (int i = 6; i <= 11; i++) {
            h.telegram.sendText(6, "/save p" + i + " Kyiv", "en");
        }
        // Telegram's one message a second per chat paces the replies.
        List<Sent> replies = h.telegram.awaitSentTo(6, 11, Duration.ofSeconds(40)).subList(5, 11);
        long full = replies.stream().filter(s -> s.plainText().contains("You have 10 places already")).count();
        assertThat(full, equalTo(1L));
        assertThat(ask(6, "/places"), containsString("Your places (10 of 10)"));
    }

    @Test
    void settingsPlacesAndLanguageSurviveARestart() throws Exception {
        ask(7, "/units imperial");
        ask(7, "/home Kyiv");
        ask(7, "/save work Lviv");
        assertThat(ask(7, "/language uk"), containsString("Відповідатиму: українською"));
        restart();
        String settings = ask(7, "/settings");
        assertThat(settings, allOf(containsString("Одиниці: імперські"), containsString("Мова: українською"),
                containsString("Дім: Kyiv"), containsString("Збережені місця (1): work")));
        assertThat(ask(7, "/weather"), allOf(startsWith("Kyiv"), containsString("°F")));
        assertThat(ask(7, "/language auto", "en"), containsString("I will reply in your Telegram language"));
        assertThat(ask(7, "/weather work", "en"), allOf(startsWith("Lviv"), containsString("local time")));
    }

    @Test
    void forgetMeErasesEverythingAndSaysSo() throws Exception {
        ask(8, "/units imperial");
        ask(8, "/save work Lviv");
        assertThat(ask(8, "/forget_me"), containsString("Deleted everything stored for this chat"));
        restart();
        String settings = ask(8, "/settings");
        assertThat(settings, allOf(containsString("Units: metric"), containsString("Home: none"),
                containsString("Saved places (0)")));
        assertThat(ask(8, "/forget_me"), containsString("Nothing was stored for this chat"));
    }

    @Test
    void settingsSayWhatIsStoredAndForHowLong() throws Exception {
        assertThat(ask(9, "/settings"), allOf(containsString("Stored for this chat"),
                containsString("Only the chat id and these settings are kept"), containsString("/forget_me")));
        assertThat(h.healthBody("/health/ready"), allOf(containsString("\"kind\":\"sqlite\""),
                containsString("weather-agent.db")));
    }

    @Test
    void withTheDatabaseFileGoneNothingIsFalselyConfirmedAndWeatherStillWorks() throws Exception {
        ask(10, "/home Kyiv");
        Files.delete(h.store.sqliteFile());
        assertThat(ask(10, "/units imperial"), containsString("I can’t save settings right now, so nothing was changed"));
        assertThat(ask(10, "/weather Lviv"), allOf(startsWith("Lviv"), containsString("°C")));
        assertThat(ask(10, "/weather"), containsString("I can’t read your saved settings right now"));
        assertThat(ask(10, "/save work Kyiv"), containsString("nothing was changed"));
        assertThat(h.health("/health/ready"), equalTo(503));
        assertThat(h.health("/health/live"), equalTo(200));
    }

    @Test
    void anUnwritableDataDirKeepsSettingsInMemoryAndSaysSo() throws Exception {
        h.stop();
        Path file = Files.createTempFile(Path.of("target"), "not-a-dir-", ".txt");
        h.store = new StoreConfig(file.resolve("data"), Optional.empty());
        h.start();
        assertThat(ask(11, "/units imperial"), allOf(containsString("Units set to imperial"),
                containsString("in memory only, so this lasts until it restarts")));
        assertThat(ask(11, "/weather Kyiv"), containsString("°F"));
        assertThat(ask(11, "/settings"), containsString("forgotten when it restarts"));
        assertThat(h.healthBody("/health/ready"), allOf(containsString("\"kind\":\"memory\""),
                not(containsString("\"durable\":true"))));
        assertThat(h.health("/health/ready"), is(200));
    }
}
