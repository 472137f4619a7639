package dev.weatheragent.store;

import dev.weatheragent.weather.AlertKind;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static dev.weatheragent.store.ChatStoreContract.KYIV;
import static dev.weatheragent.store.ChatStoreContract.LVIV;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * What every {@link AlertStore} does: each subclass runs it against one real store. Times are explicit instants;
 * nothing here reads the real clock.
 */
abstract class AlertStoreContract {

    static final Instant NOW = Instant.parse("2026-03-01T10:17:00Z");
    static final Instant NEXT = NOW.plusSeconds(3600);
    static final long CHAT = 1001;
    static final long OTHER = -100_200_300L;
    static final String RAIN_KEY = "2026-03-01T12:00:00Z";
    static final String KYIV_KEY = AlertSubscription.placeKey(KYIV.latitude(), KYIV.longitude());
    static final String GROUP = KYIV_KEY + "|METRIC";

    ChatStore store;
    AlertStore alerts;

    abstract ChatStore open();

    @BeforeEach
    void openStore() {
        store = open();
        alerts = store.alerts();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static AlertSubscription on(long chat, SavedPlace place) {
        return new AlertSubscription(chat, place, "uk", false);
    }

    static AlertDelivery rain(long chat) {
        return new AlertDelivery(chat, AlertKind.PRECIPITATION, RAIN_KEY, NOW.plusSeconds(4 * 3600), "🌧 Rain at 12:00");
    }

    @Test
    void aSubscriptionIsStoredReplacedAndEnded() {
        alerts.subscribe(on(CHAT, KYIV), NOW);
        assertThat(alerts.alerts(CHAT), is(Optional.of(on(CHAT, KYIV))));

        alerts.subscribe(new AlertSubscription(CHAT, LVIV, null, false), NOW);
        assertThat(alerts.alerts(CHAT), is(Optional.of(new AlertSubscription(CHAT, LVIV, null, false))));

        assertThat(alerts.unsubscribe(CHAT), is(true));
        assertThat(alerts.alerts(CHAT), is(Optional.empty()));
        assertThat(alerts.unsubscribe(CHAT), is(false));
    }

    @Test
    void eachDistinctPlaceIsOneCheckWhateverTheNumberOfChatsThere() {
        alerts.subscribe(on(CHAT, KYIV), NOW);
        alerts.subscribe(on(OTHER, KYIV), NOW.plusSeconds(60));
        alerts.subscribe(on(3, LVIV), NOW.plusSeconds(1));

        assertThat("the earlier time counts", alerts.dueChecks(NOW, 10), contains(new DueCheck(KYIV_KEY, NOW)));
        alerts.takeCheck(KYIV_KEY, NOW, NEXT);
        alerts.subscribe(on(5, KYIV), NOW);
        assertThat("a new subscriber brings the check forward", alerts.dueChecks(NOW, 10),
                contains(new DueCheck(KYIV_KEY, NOW)));
        assertThat(alerts.dueChecks(NOW.plusSeconds(1), 10), hasSize(2));
        assertThat(alerts.dueChecks(NOW.plusSeconds(1), 1), hasSize(1));
        assertThat(alerts.subscribers(KYIV_KEY).stream().map(AlertSubscriber::chatId).toList(),
                contains(OTHER, 5L, CHAT));
    }

    @Test
    void aCheckIsTakenByOneInstanceAndMovesOn() {
        alerts.subscribe(on(CHAT, KYIV), NOW);

        assertThat(alerts.takeCheck(KYIV_KEY, NOW, NEXT), is(true));
        assertThat("a check that read the old time changes nothing", alerts.takeCheck(KYIV_KEY, NOW, NEXT), is(false));
        assertThat(alerts.dueChecks(NOW, 10), is(empty()));
        assertThat(alerts.dueChecks(NEXT, 10), contains(new DueCheck(KYIV_KEY, NEXT)));
    }

    @Test
    void subscribersComeWithTheChatsUnitsAndLanguageAndNotWhenPaused() {
        store.units(OTHER, Units.IMPERIAL);
        store.language(OTHER, Language.ENGLISH);
        alerts.subscribe(on(CHAT, KYIV), NOW);
        alerts.subscribe(on(OTHER, KYIV), NOW);
        alerts.subscribe(on(4, KYIV), NOW);
        alerts.pause(4);

        assertThat(alerts.subscribers(KYIV_KEY), contains(
                new AlertSubscriber(OTHER, KYIV, Units.IMPERIAL, "en"),
                new AlertSubscriber(CHAT, KYIV, Units.METRIC, "uk")));
    }

    @Test
    void aPlaceNoChatHasAlertsForIsNoLongerChecked() {
        alerts.subscribe(on(CHAT, KYIV), NOW);
        alerts.subscribe(on(OTHER, KYIV), NOW);

        alerts.unsubscribe(CHAT);
        assertThat(alerts.dueChecks(NOW, 10), hasSize(1));
        alerts.subscribe(on(OTHER, LVIV), NOW);
        assertThat("moving the last subscriber elsewhere ends the old place's check",
                alerts.dueChecks(NOW, 10).stream().map(DueCheck::placeKey).toList(),
                contains(AlertSubscription.placeKey(LVIV.latitude(), LVIV.longitude())));
        store.forgetChat(OTHER);
        assertThat(alerts.dueChecks(NOW, 10), is(empty()));
    }

    @Test
    void eventsAreStoredPerPlaceGroupAndKind() {
        AlertEvent rain = new AlertEvent(AlertKind.PRECIPITATION, RAIN_KEY, NOW.plusSeconds(7200));
        alerts.claim(GROUP, List.of(rain), List.of(), "a", NOW);
        assertThat(alerts.events(GROUP), is(Map.of(AlertKind.PRECIPITATION, rain)));
        assertThat(alerts.events(KYIV_KEY + "|IMPERIAL"), is(Map.of()));

        AlertEvent longer = new AlertEvent(AlertKind.PRECIPITATION, RAIN_KEY, NOW.plusSeconds(4 * 3600));
        AlertEvent gusts = new AlertEvent(AlertKind.GUSTS, "2026-03-01T11:00:00Z", NOW.plusSeconds(3600));
        alerts.claim(GROUP, List.of(longer, gusts), List.of(), "a", NOW);
        assertThat(alerts.events(GROUP), is(Map.of(AlertKind.PRECIPITATION, longer, AlertKind.GUSTS, gusts)));
    }

    @Test
    void anAlertIsClaimedOnceEvenAfterAlertsWereSwitchedOffAndOn() {
        alerts.subscribe(on(CHAT, KYIV), NOW);
        alerts.subscribe(on(OTHER, KYIV), NOW);

        assertThat(alerts.claim(GROUP, List.of(), List.of(rain(CHAT)), "a", NOW), contains(rain(CHAT)));
        assertThat("a second claim for the same event changes nothing",
                alerts.claim(GROUP, List.of(), List.of(rain(CHAT), rain(OTHER)), "b", NOW), contains(rain(OTHER)));
        alerts.unsubscribe(CHAT);
        alerts.subscribe(on(CHAT, KYIV), NOW);
        assertThat(alerts.claim(GROUP, List.of(), List.of(rain(CHAT)), "b", NOW), is(empty()));
    }

    @Test
    void ofTwoInstancesClaimingAtOnceOneGetsEachAlert() throws Exception {
        int chats = 20;
        List<AlertDelivery> claims = new ArrayList<>();
        for (long chat = 1; chat <= chats; chat++) {
            alerts.subscribe(on(chat, KYIV), NOW);
            claims.add(rain(chat));
        }
        List<Callable<List<AlertDelivery>>> instances = List.of(() -> alerts.claim(GROUP, List.of(), claims, "a", NOW),
                () -> alerts.claim(GROUP, List.of(), claims.reversed(), "b", NOW));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Long> claimed = new ArrayList<>();
            for (Future<List<AlertDelivery>> result : pool.invokeAll(instances)) {
                result.get().forEach(a -> claimed.add(a.chatId()));
            }
            assertThat(claimed.stream().sorted().toList(), is(LongStream.rangeClosed(1, chats).boxed().toList()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOpenClaimOlderThanTheLeaseIsTakenOverOnceAndAFinishedOneNever() {
        alerts.subscribe(on(CHAT, KYIV), NOW);
        alerts.subscribe(on(OTHER, KYIV), NOW);
        alerts.claim(GROUP, List.of(), List.of(rain(CHAT), rain(OTHER)), "crashed", NOW);
        alerts.finish(OTHER, AlertKind.PRECIPITATION, RAIN_KEY, DeliveryOutcome.SENT, NOW.plusSeconds(1));

        assertThat("not yet past the lease", alerts.reclaim(NOW.minusMillis(1), "b", NOW, 10), is(empty()));
        Instant later = NOW.plusSeconds(300);
        assertThat(alerts.reclaim(NOW, "b", later, 10), contains(rain(CHAT)));
        assertThat("taken over now, so not open to another instance before its lease",
                alerts.reclaim(NOW, "c", later, 10), is(empty()));
        alerts.finish(CHAT, AlertKind.PRECIPITATION, RAIN_KEY, DeliveryOutcome.SENT, later);
        assertThat(alerts.reclaim(later.plusSeconds(3600), "c", later.plusSeconds(3600), 10), is(empty()));
    }

    @Test
    void aReleasedClaimIsTakenOverAtOnce() {
        alerts.subscribe(on(CHAT, KYIV), NOW);
        alerts.claim(GROUP, List.of(), List.of(rain(CHAT)), "stopping", NOW);

        alerts.release(CHAT, AlertKind.PRECIPITATION, RAIN_KEY);

        assertThat(alerts.reclaim(NOW.minusSeconds(3600), "next", NOW, 10), contains(rain(CHAT)));
    }

    @Test
    void theLastAlertSentIsShown() {
        alerts.subscribe(on(CHAT, KYIV), NOW);
        assertThat(alerts.lastSent(CHAT), is(Optional.empty()));
        AlertDelivery gusts = new AlertDelivery(CHAT, AlertKind.GUSTS, "2026-03-01T15:00:00Z", NEXT, "💨 Gusts");
        alerts.claim(GROUP, List.of(), List.of(rain(CHAT), gusts), "a", NOW);
        alerts.finish(CHAT, AlertKind.PRECIPITATION, RAIN_KEY, DeliveryOutcome.SENT, NOW.plusSeconds(2));
        alerts.finish(CHAT, AlertKind.GUSTS, gusts.eventKey(), DeliveryOutcome.REFUSED, NOW.plusSeconds(3));

        assertThat("a refused one was not sent", alerts.lastSent(CHAT),
                is(Optional.of(new SentAlert(AlertKind.PRECIPITATION, NOW.plusSeconds(2), "🌧 Rain at 12:00"))));
    }

    @Test
    void pruningDeletesEndedEventsAndTheirDeliveriesButKeepsEachChatsLastSentAlert() {
        alerts.subscribe(on(CHAT, KYIV), NOW);
        alerts.subscribe(on(OTHER, KYIV), NOW);
        AlertEvent rain = new AlertEvent(AlertKind.PRECIPITATION, RAIN_KEY, NOW.plusSeconds(4 * 3600));
        AlertEvent gusts = new AlertEvent(AlertKind.GUSTS, "2026-03-01T11:00:00Z", NOW.plusSeconds(3600));
        AlertDelivery chatGusts = new AlertDelivery(CHAT, AlertKind.GUSTS, gusts.key(), gusts.until(), "💨 Gusts");
        AlertDelivery otherGusts = new AlertDelivery(OTHER, AlertKind.GUSTS, gusts.key(), gusts.until(), "💨 Gusts");
        alerts.claim(GROUP, List.of(rain, gusts), List.of(rain(CHAT), chatGusts, rain(OTHER), otherGusts), "a", NOW);
        alerts.finish(CHAT, AlertKind.GUSTS, gusts.key(), DeliveryOutcome.SENT, NOW.plusSeconds(1));
        alerts.finish(CHAT, AlertKind.PRECIPITATION, RAIN_KEY, DeliveryOutcome.SENT, NOW.plusSeconds(2));
        alerts.finish(OTHER, AlertKind.GUSTS, gusts.key(), DeliveryOutcome.SENT, NOW.plusSeconds(3));
        alerts.finish(OTHER, AlertKind.PRECIPITATION, RAIN_KEY, DeliveryOutcome.REFUSED, NOW.plusSeconds(4));

        assertThat("nothing has ended yet", alerts.prune(NOW), is(0));
        // The gusts have ended; the rain has not: CHAT's gusts alert goes (its rain alert came later), OTHER's stays
        // as its last one sent, and the gusts event goes.
        assertThat(alerts.prune(gusts.until().plusSeconds(1)), is(2));
        assertThat(alerts.events(GROUP), is(Map.of(AlertKind.PRECIPITATION, rain)));
        assertThat(alerts.lastSent(OTHER),
                is(Optional.of(new SentAlert(AlertKind.GUSTS, NOW.plusSeconds(3), "💨 Gusts"))));
        assertThat("the rain alerts are still there, so none goes out twice",
                alerts.claim(GROUP, List.of(), List.of(rain(CHAT), rain(OTHER)), "b", NOW), is(empty()));
        assertThat("a pruned alert is gone: the same event would be claimed anew",
                alerts.claim(GROUP, List.of(), List.of(chatGusts), "b", NOW), contains(chatGusts));

        // Everything has ended: only each chat's last sent alert is left.
        alerts.finish(CHAT, AlertKind.GUSTS, gusts.key(), DeliveryOutcome.EXPIRED, NOW.plusSeconds(5));
        assertThat(alerts.prune(rain.until().plusSeconds(1)), is(3));
        assertThat(alerts.events(GROUP), is(Map.of()));
        assertThat(alerts.lastSent(CHAT),
                is(Optional.of(new SentAlert(AlertKind.PRECIPITATION, NOW.plusSeconds(2), "🌧 Rain at 12:00"))));
        assertThat(alerts.lastSent(OTHER),
                is(Optional.of(new SentAlert(AlertKind.GUSTS, NOW.plusSeconds(3), "💨 Gusts"))));
        assertThat(alerts.prune(rain.until().plusSeconds(1)), is(0));
    }

    @Test
    void pausedAlertsAreNotCheckedForUntilResumedAndTheSettingsReadTells() {
        store.home(CHAT, KYIV);
        alerts.subscribe(on(CHAT, KYIV), NOW);
        alerts.claim(GROUP, List.of(), List.of(rain(CHAT)), "crashed", NOW);
        assertThat(store.settings(CHAT).alertsPaused(), is(false));

        alerts.pause(CHAT);
        assertThat(alerts.subscribers(KYIV_KEY), is(empty()));
        assertThat("a paused chat's open claim waits", alerts.reclaim(NOW, "b", NOW, 10), is(empty()));
        assertThat(alerts.alerts(CHAT).orElseThrow().paused(), is(true));
        assertThat("the settings read on every message tells", store.settings(CHAT).alertsPaused(), is(true));
        assertThat(store.settings(CHAT).dailyPaused(), is(false));
        assertThat(store.settings(CHAT).home(), is(Optional.of(KYIV)));

        assertThat(alerts.resume(CHAT), is(true));
        assertThat(store.settings(CHAT).alertsPaused(), is(false));
        assertThat("only paused ones are resumed", alerts.resume(CHAT), is(false));
        assertThat(alerts.resume(OTHER), is(false));
        assertThat(alerts.subscribers(KYIV_KEY), hasSize(1));
    }

    @Test
    void forgettingTheChatDeletesItsAlertsAndDeliveries() {
        alerts.subscribe(on(CHAT, KYIV), NOW);
        alerts.subscribe(on(OTHER, KYIV), NOW);
        alerts.claim(GROUP, List.of(), List.of(rain(CHAT), rain(OTHER)), "a", NOW);

        assertThat(store.forgetChat(CHAT), is(true));

        assertThat(alerts.alerts(CHAT), is(Optional.empty()));
        assertThat(alerts.alerts(OTHER).isPresent(), is(true));
        alerts.subscribe(on(CHAT, KYIV), NOW);
        assertThat("no delivery of the chat is left", alerts.claim(GROUP, List.of(), List.of(rain(CHAT)), "a", NOW),
                contains(rain(CHAT)));
        assertThat(store.forgetChat(CHAT), is(true));
        assertThat("a chat with only alerts counts as stored", store.forgetChat(CHAT), is(false));
    }
}
