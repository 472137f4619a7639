package dev.weatheragent.store;

import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What every {@link ChatStore} does, whatever keeps the data: each subclass runs all of it against one real
 * implementation. The clock is fixed, so every save happens in the same millisecond: order must not depend on time.
 */
abstract class ChatStoreContract {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    static final SavedPlace KYIV = new SavedPlace("Kyiv, Kyiv City, Ukraine", 50.4501, 30.5234, "Europe/Kyiv");
    static final SavedPlace LVIV = new SavedPlace("Lviv, Lviv Oblast, Ukraine", 49.8397, 24.0297, "Europe/Kyiv");
    static final SavedPlace BERLIN = new SavedPlace("Berlin, Germany", 52.52437, 13.41053, "Europe/Berlin");
    /** Group chats have large negative ids. */
    static final long CHAT = -1001234567890L;
    static final long OTHER_CHAT = 42;

    ChatStore store;

    /** A new, empty store of the kind under test. */
    abstract ChatStore open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void unknownChatHasTheDefaults() {
        assertThat(store.settings(CHAT), is(ChatSettings.DEFAULTS));
        assertThat(store.settings(CHAT).places(), is(empty()));
        assertThat(store.settings(CHAT).place("home"), is(Optional.empty()));
        assertThat(store.forgetPlace(CHAT, "home"), is(false));
        assertThat(store.forgetChat(CHAT), is(false));
    }

    @Test
    void settingsAreReadBack() {
        store.units(CHAT, Units.IMPERIAL);
        store.language(CHAT, Language.UKRAINIAN);
        store.home(CHAT, KYIV);

        assertThat(store.settings(CHAT), is(new ChatSettings(Units.IMPERIAL, Language.UKRAINIAN, Optional.of(KYIV),
                List.of(), true)));
        assertThat(store.settings(OTHER_CHAT), is(ChatSettings.DEFAULTS));
    }

    @Test
    void oneSettingChangesAloneAndKeepsTheOthers() {
        store.units(CHAT, Units.IMPERIAL);
        assertThat(store.settings(CHAT), is(new ChatSettings(Units.IMPERIAL, Language.AUTO, Optional.empty(),
                List.of(), true)));
        store.language(CHAT, Language.ENGLISH);
        store.home(CHAT, KYIV);

        store.units(CHAT, Units.METRIC);
        assertThat(store.settings(CHAT), is(new ChatSettings(Units.METRIC, Language.ENGLISH, Optional.of(KYIV),
                List.of(), true)));
        store.home(CHAT, LVIV);
        assertThat(store.settings(CHAT), is(new ChatSettings(Units.METRIC, Language.ENGLISH, Optional.of(LVIV),
                List.of(), true)));
        store.language(CHAT, Language.AUTO);
        assertThat(store.settings(CHAT), is(new ChatSettings(Units.METRIC, Language.AUTO, Optional.of(LVIV),
                List.of(), true)));
    }

    @Test
    void aSavedPlaceIsReadBackExactly() {
        assertThat(store.savePlace(CHAT, "work", BERLIN), is(SaveOutcome.SAVED));

        assertThat(store.settings(CHAT).place("work"), is(Optional.of(new NamedPlace("work", BERLIN))));
        assertThat(store.settings(CHAT).places(), contains(new NamedPlace("work", BERLIN)));
        assertThat(store.settings(OTHER_CHAT).places(), is(empty()));
        assertThat("a chat with places is stored", store.settings(CHAT).stored(), is(true));
    }

    @Test
    void theSameNameInAnotherCaseOrUnicodeFormReplacesThePlace() {
        assertThat(store.savePlace(CHAT, "Дача", KYIV), is(SaveOutcome.SAVED));
        assertThat(store.savePlace(CHAT, "дача", LVIV), is(SaveOutcome.REPLACED));
        // "Café" composed (NFC) and decomposed (e + combining acute)
        assertThat(store.savePlace(CHAT, "Caf\u00e9", KYIV), is(SaveOutcome.SAVED));
        assertThat(store.savePlace(CHAT, "CAFE\u0301", BERLIN), is(SaveOutcome.REPLACED));

        assertThat("the latest spelling is kept", store.settings(CHAT).places(),
                contains(new NamedPlace("дача", LVIV), new NamedPlace("CAFE\u0301", BERLIN)));
        assertThat(store.settings(CHAT).place("ДАЧА"), is(Optional.of(new NamedPlace("дача", LVIV))));
        assertThat(store.settings(CHAT).place(" café "), is(Optional.of(new NamedPlace("CAFE\u0301", BERLIN))));
    }

    @Test
    void placesComeInTheOrderTheyWereFirstSaved() {
        for (String name : List.of("zeta", "Alpha", "міст", "beta")) {
            store.savePlace(CHAT, name, KYIV);
        }
        store.savePlace(CHAT, "alpha", LVIV);
        assertThat(names(store.settings(CHAT).places()), contains("zeta", "alpha", "міст", "beta"));

        store.forgetPlace(CHAT, "zeta");
        store.savePlace(CHAT, "zeta", BERLIN);
        assertThat("saved again after forgetting: last", names(store.settings(CHAT).places()),
                contains("alpha", "міст", "beta", "zeta"));
    }

    @Test
    void aFullChatSavesNothingNew() {
        List<String> names = IntStream.rangeClosed(1, ChatStore.MAX_PLACES).mapToObj(i -> "place " + i).toList();
        for (String name : names) {
            assertThat(store.savePlace(CHAT, name, KYIV), is(SaveOutcome.SAVED));
        }

        assertThat(store.savePlace(CHAT, "one too many", LVIV), is(SaveOutcome.FULL));
        assertThat(store.settings(CHAT).place("one too many"), is(Optional.empty()));
        assertThat(names(store.settings(CHAT).places()), is(names));
        assertThat("replacing still works when full", store.savePlace(CHAT, "PLACE 1", LVIV),
                is(SaveOutcome.REPLACED));
        assertThat("a full chat does not limit another", store.savePlace(OTHER_CHAT, "one too many", LVIV),
                is(SaveOutcome.SAVED));

        store.forgetPlace(CHAT, "place 5");
        assertThat(store.savePlace(CHAT, "one too many", LVIV), is(SaveOutcome.SAVED));
        assertThat(store.settings(CHAT).places(), hasSize(ChatStore.MAX_PLACES));
    }

    @Test
    void forgetPlaceDeletesOnlyThatPlace() {
        store.savePlace(CHAT, "Дача", KYIV);
        store.savePlace(CHAT, "work", BERLIN);
        store.savePlace(OTHER_CHAT, "дача", LVIV);

        assertThat(store.forgetPlace(CHAT, "ДАЧА"), is(true));
        assertThat(store.forgetPlace(CHAT, "дача"), is(false));

        assertThat(store.settings(CHAT).places(), contains(new NamedPlace("work", BERLIN)));
        assertThat(store.settings(OTHER_CHAT).places(), contains(new NamedPlace("дача", LVIV)));
    }

    @Test
    void forgetChatDeletesEverythingOfThatChatOnly() {
        store.units(CHAT, Units.IMPERIAL);
        store.home(CHAT, KYIV);
        store.savePlace(CHAT, "work", BERLIN);
        store.language(OTHER_CHAT, Language.ENGLISH);

        assertThat(store.forgetChat(CHAT), is(true));

        assertThat(store.settings(CHAT), is(ChatSettings.DEFAULTS));
        assertThat(store.settings(CHAT).places(), is(empty()));
        assertThat(store.forgetChat(CHAT), is(false));
        assertThat(store.settings(OTHER_CHAT).language(), is(Language.ENGLISH));
    }

    @Test
    void forgetChatFindsAChatThatHasOnlyPlaces() {
        store.savePlace(CHAT, "work", BERLIN);
        assertThat(store.forgetChat(CHAT), is(true));
        assertThat(store.settings(CHAT).places(), is(empty()));
    }

    @Test
    void aNameIsStrippedAndMayHaveUpToMaxNameCharacters() {
        String longest = "😀д".repeat(ChatStore.MAX_NAME / 2);
        assertThat(store.savePlace(CHAT, longest, KYIV), is(SaveOutcome.SAVED));
        assertThat(store.savePlace(CHAT, "  work\t", BERLIN), is(SaveOutcome.SAVED));

        assertThat(store.settings(CHAT).places(), contains(new NamedPlace(longest, KYIV), new NamedPlace("work",
                BERLIN)));
        assertThat(store.settings(CHAT).place(longest.toUpperCase(Locale.ROOT)),
                is(Optional.of(new NamedPlace(longest, KYIV))));
    }

    @Test
    void aNameTooLongOrBlankIsRefusedOnEveryStore() {
        String tooLong = "д".repeat(ChatStore.MAX_NAME + 1);
        assertThrows(IllegalArgumentException.class, () -> store.savePlace(CHAT, tooLong, KYIV));
        assertThrows(IllegalArgumentException.class, () -> store.savePlace(CHAT, " \t", KYIV));
        assertThat(store.settings(CHAT), is(ChatSettings.DEFAULTS));
        assertThat(store.settings(CHAT).place(tooLong), is(Optional.empty()));
    }

    @Test
    void aLongLabelIsCutWithoutSplittingACharacter() {
        SavedPlace far = new SavedPlace("x".repeat(SavedPlace.MAX_LABEL - 2) + "😀😀", -89.5, 179.99, "Antarctica/McMurdo");
        assertThat(far.label(), is("x".repeat(SavedPlace.MAX_LABEL - 2) + "…"));

        store.home(CHAT, far);
        store.savePlace(CHAT, "far", far);

        assertThat(store.settings(CHAT).home(), is(Optional.of(far)));
        assertThat(store.settings(CHAT).place("far"), is(Optional.of(new NamedPlace("far", far))));
    }

    @Test
    void concurrentUpdatesToOneChatLoseNothing() throws Exception {
        store.home(CHAT, KYIV);
        int threads = 8;
        int perThread = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Callable<Map<String, SaveOutcome>>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(() -> {
                start.await();
                Map<String, SaveOutcome> outcomes = new HashMap<>();
                for (int i = 0; i < perThread; i++) {
                    String name = "place " + thread + "." + i;
                    outcomes.put(name, store.savePlace(CHAT, name, LVIV));
                    // Every thread ends with METRIC and ENGLISH, so whichever write comes last, that is the result.
                    store.units(CHAT, i % 2 == 0 ? Units.IMPERIAL : Units.METRIC);
                    store.language(CHAT, i % 2 == 0 ? Language.UKRAINIAN : Language.ENGLISH);
                }
                return outcomes;
            });
        }
        Map<String, SaveOutcome> outcomes = new HashMap<>();
        for (Map<String, SaveOutcome> one : runAll(work)) {
            outcomes.putAll(one);
        }

        List<String> saved = outcomes.keySet().stream().filter(n -> outcomes.get(n) == SaveOutcome.SAVED).toList();
        assertThat(saved, hasSize(ChatStore.MAX_PLACES));
        assertThat(outcomes.values().stream().filter(o -> o == SaveOutcome.FULL).count(),
                is((long) threads * perThread - ChatStore.MAX_PLACES));
        ChatSettings settings = store.settings(CHAT);
        assertThat(names(settings.places()), containsInAnyOrder(saved.toArray()));
        assertThat(List.of(settings.units(), settings.language(), settings.home()),
                is(List.of(Units.METRIC, Language.ENGLISH, Optional.of(KYIV))));
    }

    @Test
    void concurrentSavesOfTheSameNamesStoreEachOnce() throws Exception {
        List<String> names = List.of("home", "work", "дача", "gym", "school");
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Callable<List<SaveOutcome>>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            work.add(() -> {
                start.await();
                List<SaveOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    outcomes.add(store.savePlace(CHAT, names.get((i + offset) % names.size()), BERLIN));
                }
                return outcomes;
            });
        }
        List<SaveOutcome> outcomes = runAll(work).stream().flatMap(List::stream).toList();

        assertThat(outcomes.stream().filter(o -> o == SaveOutcome.SAVED).count(), is((long) names.size()));
        assertThat(outcomes.stream().filter(o -> o == SaveOutcome.REPLACED).count(),
                is((long) (threads - 1) * names.size()));
        assertThat(names(store.settings(CHAT).places()), containsInAnyOrder(names.toArray()));
    }

    static List<String> names(List<NamedPlace> places) {
        return places.stream().map(NamedPlace::name).toList();
    }

    /** Runs the tasks on threads of their own and returns their results; the first failure fails the test. */
    static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
