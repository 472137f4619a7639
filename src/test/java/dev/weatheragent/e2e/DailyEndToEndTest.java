package dev.weatheragent.e2e;

import dev.weatheragent.fakes.FakeTelegram.Sent;
import dev.weatheragent.fakes.MutableClock;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.ChatStores;
import dev.weatheragent.store.DailyClaim;
import dev.weatheragent.store.DailySubscription;
import dev.weatheragent.store.SavedPlace;
import dev.weatheragent.schedule.DailyTimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/**
 * Daily forecasts through the real wiring, a real SQLite file and the fakes, with "now" on a clock the test moves:
 * on time at the home's local time, once across restarts and a crash, missed ones within two hours and not after,
 * paused for a chat that blocked the bot, and user replies ahead of a large batch.
 */
class DailyEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Long enough for the scheduler (five rounds a second here) to have sent anything it was going to. */
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    /** 07:00 in Kyiv on a winter Thursday; the forecast is at 07:30 local, 05:30 UTC. */
    private static final Instant START = Instant.parse("2026-01-15T05:00:00Z");
    private static final Instant DUE = Instant.parse("2026-01-15T05:30:00Z");
    private static final SavedPlace KYIV_PLACE = new SavedPlace("Kyiv, Kyiv City, Ukraine", 50.45466, 30.5238,
            "Europe/Kyiv");

    private final MutableClock clock = new MutableClock(START);
    private BotHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new BotHarness(clock).start();
    }

    @AfterEach
    void stop() throws Exception {
        h.closeCheckingSpec();
    }

    private String ask(long chat, String text, String language) throws InterruptedException {
        return h.ask(chat, text, language, WAIT).plainText();
    }

    private List<Sent> awaitScheduled(long chat, int count) throws InterruptedException {
        List<Sent> scheduled = h.awaitScheduled(chat, count, WAIT);
        assertThat("scheduled messages to chat " + chat, scheduled, hasSize(count));
        return scheduled;
    }

    private void assertStillScheduled(long chat, int count) throws InterruptedException {
        Thread.sleep(QUIET);
        assertThat("scheduled messages to chat " + chat, h.scheduled(chat), hasSize(count));
    }

    /** Waits until the chat's subscription is paused, as the bot's own store (the same SQLite file) says. */
    private void awaitPaused(long chat) throws InterruptedException {
        try (ChatStore store = ChatStores.open(h.store, clock)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!store.subscriptions().daily(chat).orElseThrow().paused() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat("paused after Telegram refused the chat", store.subscriptions().daily(chat).orElseThrow()
                    .paused(), is(true));
        }
    }

    private void subscribeInKyiv(long chat) throws InterruptedException {
        ask(chat, "/home Kyiv", "en");
        assertThat(ask(chat, "/daily 7:30", "en"), allOf(containsString("Every day at 07:30 local time"),
                containsString("Europe/Kyiv"), containsString("The first comes today")));
    }

    private void restartAt(Instant now) {
        h.stop();
        clock.set(now);
        h.start();
    }

    @Test
    void theForecastComesAtTheHomesLocalTimeOnceADayAndSaysWhatChanged() throws Exception {
        // The fake's yesterday is 2 °C warmer than today by its formula; 8 more makes it 10.
        h.meteo.pastDaysWarmerBy(8);
        subscribeInKyiv(1);

        clock.set(DUE.minusSeconds(1));
        assertStillScheduled(1, 0);

        clock.set(DUE);
        String text = awaitScheduled(1, 1).getFirst().plainText();
        assertThat(text, allOf(containsString("Kyiv, Kyiv City, Ukraine — Thu 15 Jan"), containsString("°C"),
                containsString("Wind up to 20 km/h"), containsString("10 °C colder than yesterday"),
                containsString("/daily off")));
        assertThat("rain in the fake's evening hours", text, containsString("mostly 18:00–24:00"));
        assertStillScheduled(1, 1);

        clock.set(DUE.plus(Duration.ofDays(1)));
        assertThat(awaitScheduled(1, 2).get(1).plainText(), containsString("Fri 16 Jan"));
        assertStillScheduled(1, 2);
    }

    @Test
    void theForecastIsFetchedAheadSoThatNothingIsAskedAtTheDueTime() throws Exception {
        subscribeInKyiv(1);
        // A subscription made inside the hour already looked at is fetched at delivery; after a restart the new
        // instance looks at the whole hour, and half an hour before it is due the forecast (one day, with yesterday)
        // is fetched ahead.
        restartAt(START);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (h.meteo.forecastCalls().stream().noneMatch(c -> c.days() == 1) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        int before = h.meteo.requests();
        assertThat(h.meteo.forecastCalls().stream().filter(c -> c.days() == 1).count(), is(1L));

        clock.set(DUE);
        awaitScheduled(1, 1);
        assertThat("the delivery used the forecast fetched ahead", h.meteo.requests(), is(before));
    }

    @Test
    void inUkrainianWithTheChatsUnits() throws Exception {
        ask(2, "/home Київ", "uk");
        ask(2, "/units imperial", "uk");
        assertThat(ask(2, "/daily 07.30", "uk"), allOf(containsString("Щодня о 07:30"), containsString("сьогодні")));

        clock.set(DUE);

        String text = awaitScheduled(2, 1).getFirst().plainText();
        assertThat(text, allOf(containsString("Київ"), containsString("°F"), containsString("миль/год"),
                containsString("/daily off")));
        assertThat(text, not(containsString("Wind")));
    }

    @Test
    void aForecastMissedWhileDownComesWithinTwoHoursAndIsSkippedAfter() throws Exception {
        subscribeInKyiv(1);

        restartAt(DUE.plus(Duration.ofMinutes(119)));
        awaitScheduled(1, 1);

        restartAt(DUE.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(121)));
        assertStillScheduled(1, 1);

        clock.set(DUE.plus(Duration.ofDays(2)));
        assertThat(awaitScheduled(1, 2).get(1).plainText(), containsString("Sat 17 Jan"));
    }

    @Test
    void aRestartAfterDeliveringSendsNothingTwiceAndLosesNothing() throws Exception {
        subscribeInKyiv(1);
        subscribeInKyiv(3);
        clock.set(DUE);
        awaitScheduled(1, 1);
        awaitScheduled(3, 1);

        restartAt(DUE.plusSeconds(30));
        assertStillScheduled(1, 1);
        assertStillScheduled(3, 1);

        restartAt(DUE.plus(Duration.ofDays(1)));
        awaitScheduled(1, 2);
        awaitScheduled(3, 2);
    }

    @Test
    void aClaimLeftByAKilledInstanceIsSentOnceAfterTheLease() throws Exception {
        h.stop();
        // What kill -9 leaves behind: the forecast claimed (next_due moved on) and never confirmed.
        try (ChatStore store = ChatStores.open(h.store, clock)) {
            store.home(5, KYIV_PLACE);
            DailySubscription s = new DailySubscription(5, KYIV_PLACE, LocalTime.of(7, 30), "en", false, DUE);
            store.subscriptions().subscribe(s);
            DailyClaim claim = DailyTimes.decide(s, DUE);
            assertThat(claim.date(), is(Optional.of(LocalDate.parse("2026-01-15"))));
            assertThat(store.subscriptions().claim(List.of(claim), "killed", DUE), is(java.util.Set.of(5L)));
        }

        clock.set(DUE.plusSeconds(60));
        h.start();
        assertStillScheduled(5, 0);

        clock.set(DUE.plus(Duration.ofMinutes(5)));
        awaitScheduled(5, 1);
        clock.set(DUE.plus(Duration.ofMinutes(11)));
        assertStillScheduled(5, 1);
    }

    @Test
    void aChatThatBlockedTheBotIsPausedAndResumesWhenItWritesAgain() throws Exception {
        subscribeInKyiv(1);
        h.telegram.blockedBy(1);

        clock.set(DUE);
        awaitPaused(1);
        h.telegram.reachable(1);
        clock.set(DUE.plus(Duration.ofDays(1)));
        assertStillScheduled(1, 0);

        // Three hours after Friday's time: that one is too late, Saturday's comes.
        clock.set(DUE.plus(Duration.ofDays(1)).plus(Duration.ofHours(3)));
        assertThat("the subscription is kept", ask(1, "/daily", "en"),
                containsString("Daily forecast for Kyiv, Kyiv City, Ukraine every day at 07:30"));
        assertStillScheduled(1, 0);
        clock.set(DUE.plus(Duration.ofDays(2)));
        assertThat(awaitScheduled(1, 1).getFirst().plainText(), containsString("Sat 17 Jan"));
    }

    @Test
    void aChatThatWritesSoonAfterItsPausedForecastWasDueGetsItThen() throws Exception {
        subscribeInKyiv(1);
        h.telegram.chatGone(1);
        clock.set(DUE);
        awaitPaused(1);
        h.telegram.reachable(1);
        clock.set(DUE.plus(Duration.ofDays(1)));
        assertStillScheduled(1, 0);

        clock.set(DUE.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)));
        ask(1, "/weather Kyiv", "en");

        assertThat(awaitScheduled(1, 1).getFirst().plainText(), containsString("Fri 16 Jan"));
    }

    @Test
    void aUsersQuestionIsAnsweredWhileALargeBatchGoesOut() throws Exception {
        int chats = 200;
        h.stop();
        try (ChatStore store = ChatStores.open(h.store, clock)) {
            for (long chat = 1000; chat < 1000 + chats; chat++) {
                store.subscriptions().subscribe(new DailySubscription(chat, KYIV_PLACE, LocalTime.of(7, 30), "en",
                        false, DUE));
            }
        }
        clock.set(DUE);
        h.start();
        // Telegram's limits (30 a second in all) make the batch take about seven seconds.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (h.telegram.sentCount() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        long asked = System.nanoTime();
        int sentBefore = (int) h.telegram.sent().stream().filter(s -> s.chatId() >= 1000).count();
        assertThat(ask(7, "/weather Kyiv", "en"), containsString("Kyiv"));
        Duration answered = Duration.ofNanos(System.nanoTime() - asked);
        int sentByThen = (int) h.telegram.sent().stream().filter(s -> s.chatId() >= 1000).count();

        assertThat("the answer did not wait for the batch", sentByThen, lessThan(chats - 50));
        // Four scheduled messages are in flight at most (each holding one send slot; SendRateLimiterTest shows the
        // wait), and a few more go out while the bot looks up the weather: the answer comes within a second's worth
        // of the broadcast, the per-chat limit, not behind the rest of it.
        assertThat("scheduled messages sent between the question and its answer", sentByThen - sentBefore,
                lessThan(30));
        assertThat(answered, lessThan(Duration.ofSeconds(2)));
        for (long chat = 1000; chat < 1000 + chats; chat += 37) {
            awaitScheduled(chat, 1);
        }
        deadline = System.nanoTime() + WAIT.toNanos();
        while (h.telegram.sent().stream().filter(s -> s.chatId() >= 1000).count() < chats
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(h.telegram.sent().stream().filter(s -> s.chatId() >= 1000).map(Sent::chatId).distinct().count(),
                is((long) chats));
    }
}
