package dev.weatheragent.store;

import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.weatheragent.store.ChatStoreContract.KYIV;
import static dev.weatheragent.store.ChatStoreContract.LVIV;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * What every {@link SubscriptionStore} does: each subclass runs it against one real store. Times are explicit
 * instants; nothing here reads the real clock.
 */
abstract class SubscriptionStoreContract {

    static final Instant DUE = Instant.parse("2026-03-01T05:30:00Z");
    static final LocalDate DATE = LocalDate.parse("2026-03-01");
    static final Instant NEXT = DUE.plusSeconds(86_400);
    static final long CHAT = 1001;
    static final long OTHER = -100_200_300L;

    ChatStore store;
    SubscriptionStore subscriptions;

    abstract ChatStore open();

    @BeforeEach
    void openStore() {
        store = open();
        subscriptions = store.subscriptions();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static DailySubscription daily(long chat, SavedPlace place, Instant nextDue) {
        return new DailySubscription(chat, place, LocalTime.of(7, 30), "uk", false, nextDue);
    }

    static DailyClaim deliver(long chat, Instant was) {
        return new DailyClaim(chat, was, was.plusSeconds(86_400), Optional.of(DATE), was);
    }

    @Test
    void aSubscriptionIsStoredReplacedAndEnded() {
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        assertThat(subscriptions.daily(CHAT), is(Optional.of(daily(CHAT, KYIV, DUE))));

        subscriptions.subscribe(new DailySubscription(CHAT, LVIV, LocalTime.of(21, 5), null, false, NEXT));
        assertThat(subscriptions.daily(CHAT),
                is(Optional.of(new DailySubscription(CHAT, LVIV, LocalTime.of(21, 5), null, false, NEXT))));

        assertThat(subscriptions.unsubscribe(CHAT), is(true));
        assertThat(subscriptions.daily(CHAT), is(Optional.empty()));
        assertThat(subscriptions.unsubscribe(CHAT), is(false));
    }

    @Test
    void dueListsActiveSubscriptionsAtOrBeforeNowLongestOverdueFirstWithTheChatsUnitsAndLanguage() {
        store.units(OTHER, Units.IMPERIAL);
        store.language(OTHER, Language.ENGLISH);
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        subscriptions.subscribe(daily(OTHER, LVIV, DUE.minusSeconds(60)));
        subscriptions.subscribe(daily(3, LVIV, DUE.plusMillis(1)));
        subscriptions.subscribe(daily(4, LVIV, DUE.minusSeconds(30)));
        subscriptions.pause(4);

        List<DueDaily> due = subscriptions.due(DUE, 10);

        assertThat(due.stream().map(d -> d.subscription().chatId()).toList(), contains(OTHER, CHAT));
        assertThat("units and an explicit language from the chat's settings", due.get(0).units(), is(Units.IMPERIAL));
        assertThat(due.get(0).replyLanguage(), is("en"));
        assertThat("auto: the subscriber's Telegram language", due.get(1).replyLanguage(), is("uk"));
        assertThat(due.get(1).units(), is(Units.METRIC));
        assertThat(subscriptions.due(DUE, 1), hasSize(1));
    }

    @Test
    void upcomingListsActiveSubscriptionsInTheRangeWithTheChatsUnits() {
        store.units(OTHER, Units.IMPERIAL);
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        subscriptions.subscribe(daily(OTHER, LVIV, DUE.plusSeconds(600)));
        subscriptions.subscribe(daily(3, LVIV, DUE.plusSeconds(3601)));
        subscriptions.subscribe(daily(4, LVIV, DUE.plusSeconds(60)));
        subscriptions.pause(4);

        List<UpcomingDaily> upcoming = subscriptions.upcoming(DUE.minusMillis(1), DUE.plusSeconds(3600));

        assertThat(upcoming, containsInAnyOrder(
                new UpcomingDaily(KYIV.latitude(), KYIV.longitude(), Units.METRIC, DUE),
                new UpcomingDaily(LVIV.latitude(), LVIV.longitude(), Units.IMPERIAL, DUE.plusSeconds(600))));
        assertThat("the start of the range is not in it", subscriptions.upcoming(DUE, DUE.plusSeconds(3600)),
                hasSize(1));
    }

    @Test
    void aForecastIsClaimedOnceAndTheSubscriptionMovesOn() {
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));

        assertThat(subscriptions.claim(List.of(deliver(CHAT, DUE)), "a", DUE), is(Set.of(CHAT)));

        assertThat(subscriptions.daily(CHAT).orElseThrow().nextDue(), is(NEXT));
        assertThat("a claim that read the old due time changes nothing",
                subscriptions.claim(List.of(deliver(CHAT, DUE)), "b", DUE), is(Set.of()));
        assertThat(subscriptions.daily(CHAT).orElseThrow().nextDue(), is(NEXT));
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        assertThat("subscribing again the same day does not bring the day's forecast twice",
                subscriptions.claim(List.of(deliver(CHAT, DUE)), "b", DUE), is(Set.of()));
        assertThat("but the subscription moved on", subscriptions.due(DUE, 10), is(empty()));
    }

    @Test
    void aSkippedForecastMovesTheSubscriptionOnAndClaimsNothing() {
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));

        assertThat(subscriptions.claim(List.of(new DailyClaim(CHAT, DUE, NEXT, Optional.empty(), DUE)), "a", DUE),
                is(Set.of()));

        assertThat(subscriptions.daily(CHAT).orElseThrow().nextDue(), is(NEXT));
        assertThat(subscriptions.reclaim(NEXT, "b", NEXT, 10), is(empty()));
    }

    @Test
    void claimsInOneBatchAreEachDecidedOnTheirOwn() {
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        subscriptions.subscribe(daily(OTHER, LVIV, DUE));
        subscriptions.claim(List.of(deliver(OTHER, DUE)), "a", DUE);
        subscriptions.subscribe(daily(OTHER, LVIV, DUE));

        assertThat(subscriptions.claim(List.of(deliver(CHAT, DUE), deliver(OTHER, DUE), deliver(77, DUE)), "b", DUE),
                is(Set.of(CHAT)));
    }

    @Test
    void ofTwoInstancesClaimingAtOnceOneGetsEachForecast() throws Exception {
        int chats = 20;
        for (long chat = 1; chat <= chats; chat++) {
            subscriptions.subscribe(daily(chat, KYIV, DUE));
        }
        List<DailyClaim> claims = new ArrayList<>();
        for (long chat = 1; chat <= chats; chat++) {
            claims.add(deliver(chat, DUE));
        }
        List<Callable<Set<Long>>> instances = List.of(() -> subscriptions.claim(claims, "a", DUE),
                () -> subscriptions.claim(claims.reversed(), "b", DUE));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Long> claimed = new ArrayList<>();
            for (Future<Set<Long>> result : pool.invokeAll(instances)) {
                claimed.addAll(result.get());
            }
            assertThat(claimed.stream().sorted().toList(),
                    is(java.util.stream.LongStream.rangeClosed(1, chats).boxed().toList()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOpenClaimOlderThanTheLeaseIsTakenOverOnceAndAFinishedOneNever() {
        store.units(CHAT, Units.IMPERIAL);
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        subscriptions.subscribe(daily(OTHER, LVIV, DUE));
        subscriptions.claim(List.of(deliver(CHAT, DUE), deliver(OTHER, DUE)), "crashed", DUE);
        subscriptions.finish(OTHER, DATE, DeliveryOutcome.SENT, DUE.plusSeconds(1));

        assertThat("not yet past the lease", subscriptions.reclaim(DUE.minusMillis(1), "b", DUE, 10), is(empty()));
        Instant later = DUE.plusSeconds(300);
        List<DailyDelivery> taken = subscriptions.reclaim(DUE, "b", later, 10);

        assertThat(taken, contains(new DailyDelivery(CHAT, DATE, DUE, KYIV, Units.IMPERIAL, "uk")));
        assertThat("taken over now, so not open to another instance before its lease",
                subscriptions.reclaim(DUE, "c", later, 10), is(empty()));
        subscriptions.finish(CHAT, DATE, DeliveryOutcome.SENT, later);
        assertThat(subscriptions.reclaim(later.plusSeconds(3600), "c", later.plusSeconds(3600), 10), is(empty()));
    }

    @Test
    void aReleasedClaimIsTakenOverAtOnce() {
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        subscriptions.claim(List.of(deliver(CHAT, DUE)), "stopping", DUE);

        subscriptions.release(CHAT, DATE);

        assertThat(subscriptions.reclaim(DUE.minusSeconds(3600), "next", DUE, 10), hasSize(1));
    }

    @Test
    void claimsAreFinishedAndReleasedInBatches() {
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        subscriptions.subscribe(daily(OTHER, LVIV, DUE));
        subscriptions.subscribe(daily(3, LVIV, DUE));
        subscriptions.claim(List.of(deliver(CHAT, DUE), deliver(OTHER, DUE), deliver(3, DUE)), "stopping", DUE);

        subscriptions.finishAll(List.of(new FinishedDelivery(CHAT, DATE, DeliveryOutcome.SENT, DUE),
                new FinishedDelivery(OTHER, DATE, DeliveryOutcome.REFUSED, DUE)));
        subscriptions.releaseAll(List.of(new DailyDelivery(3, DATE, DUE, LVIV, Units.METRIC, "uk"),
                new DailyDelivery(CHAT, DATE, DUE, KYIV, Units.METRIC, "uk")));

        assertThat("the released one at once, the finished ones never",
                subscriptions.reclaim(DUE.minusSeconds(3600), "next", DUE, 10).stream().map(DailyDelivery::chatId)
                        .toList(), contains(3L));
    }

    @Test
    void pruningDeletesDeliveriesDueBeforeTheCutOffAndKeepsTheNewerOnesFromGoingOutTwice() {
        LocalDate nextDate = DATE.plusDays(1);
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        subscriptions.subscribe(daily(OTHER, LVIV, NEXT));
        subscriptions.claim(List.of(deliver(CHAT, DUE),
                new DailyClaim(OTHER, NEXT, NEXT.plusSeconds(86_400), Optional.of(nextDate), NEXT)), "a", NEXT);
        subscriptions.finish(CHAT, DATE, DeliveryOutcome.SENT, DUE);
        subscriptions.finish(OTHER, nextDate, DeliveryOutcome.SENT, NEXT);

        assertThat("nothing is due before the first", subscriptions.prune(DUE, Instant.EPOCH), is(0));
        assertThat(subscriptions.prune(NEXT, Instant.EPOCH), is(1));

        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        subscriptions.subscribe(daily(OTHER, LVIV, NEXT));
        assertThat("the pruned forecast would be claimed anew; the kept one not",
                subscriptions.claim(List.of(deliver(CHAT, DUE),
                        new DailyClaim(OTHER, NEXT, NEXT.plusSeconds(86_400), Optional.of(nextDate), NEXT)), "b", NEXT),
                is(Set.of(CHAT)));
    }

    @Test
    void forecastsFetchedAheadAreKeptByKeyReplacedAndPruned() {
        Instant fetched = DUE.minusSeconds(3600);
        subscriptions.keepForecasts(Map.of("50.45,30.52|METRIC", "{\"a\":1}", "49.84,24.03|METRIC", "{\"b\":1}"),
                fetched);
        subscriptions.keepForecasts(Map.of("50.45,30.52|METRIC", "{\"a\":2}"), fetched.plusSeconds(60));
        subscriptions.keepForecasts(Map.of(), fetched.plusSeconds(90));

        assertThat(subscriptions.keptForecasts(List.of("50.45,30.52|METRIC", "49.84,24.03|METRIC", "0.0,0.0|METRIC"),
                fetched), is(Map.of("50.45,30.52|METRIC", "{\"a\":2}", "49.84,24.03|METRIC", "{\"b\":1}")));
        assertThat("only what was fetched since",
                subscriptions.keptForecasts(List.of("50.45,30.52|METRIC", "49.84,24.03|METRIC"),
                        fetched.plusSeconds(1)), is(Map.of("50.45,30.52|METRIC", "{\"a\":2}")));
        assertThat(subscriptions.keptForecasts(List.of(), fetched), is(Map.of()));

        assertThat(subscriptions.prune(Instant.EPOCH, fetched.plusSeconds(1)), is(1));
        assertThat(subscriptions.keptForecasts(List.of("50.45,30.52|METRIC", "49.84,24.03|METRIC"), Instant.EPOCH),
                is(Map.of("50.45,30.52|METRIC", "{\"a\":2}")));
    }

    @Test
    void thousandsOfForecastsAreKeptAndFoundInOneCall() {
        Map<String, String> bodies = new HashMap<>();
        for (int i = 0; i < 1_234; i++) {
            bodies.put(i + ".0,0.0|METRIC", "{\"i\":" + i + "}");
        }
        subscriptions.keepForecasts(bodies, DUE);

        assertThat(subscriptions.keptForecasts(bodies.keySet(), DUE), is(bodies));
    }

    @Test
    void aPausedSubscriptionIsNotDueUntilResumed() {
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));

        store.home(CHAT, KYIV);
        assertThat(store.settings(CHAT).dailyPaused(), is(false));
        subscriptions.pause(CHAT);
        assertThat(subscriptions.due(DUE, 10), is(empty()));
        assertThat(subscriptions.daily(CHAT).orElseThrow().paused(), is(true));
        assertThat("the settings read on every message tells", store.settings(CHAT).dailyPaused(), is(true));
        assertThat(store.settings(CHAT).home(), is(Optional.of(KYIV)));

        assertThat(subscriptions.resume(CHAT), is(true));
        assertThat(store.settings(CHAT).dailyPaused(), is(false));
        assertThat("only a paused one is resumed", subscriptions.resume(CHAT), is(false));
        assertThat(subscriptions.resume(OTHER), is(false));
        assertThat(subscriptions.due(DUE, 10), hasSize(1));
    }

    @Test
    void forgettingTheChatDeletesItsSubscriptionAndDeliveries() {
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        subscriptions.subscribe(daily(OTHER, KYIV, DUE));
        subscriptions.claim(List.of(deliver(CHAT, DUE)), "a", DUE);

        assertThat(store.forgetChat(CHAT), is(true));

        assertThat(subscriptions.daily(CHAT), is(Optional.empty()));
        assertThat(subscriptions.daily(OTHER).isPresent(), is(true));
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));
        assertThat("no delivery of the chat is left", subscriptions.claim(List.of(deliver(CHAT, DUE)), "a", DUE),
                is(Set.of(CHAT)));
    }

    @Test
    void aChatWithOnlyASubscriptionCountsAsStored() {
        subscriptions.subscribe(daily(CHAT, KYIV, DUE));

        assertThat(store.forgetChat(CHAT), is(true));
        assertThat(store.forgetChat(CHAT), is(false));
    }
}
