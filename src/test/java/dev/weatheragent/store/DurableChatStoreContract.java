package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/** The contract, plus what only a database gives: the data outlives the process ({@link ChatStores#open}). */
abstract class DurableChatStoreContract extends ChatStoreContract {

    /** Where a new, empty store of the kind under test keeps its data. */
    abstract StoreConfig config();

    private StoreConfig config;

    @Override
    final ChatStore open() {
        config = config();
        return ChatStores.open(config, CLOCK);
    }

    /** Closes the store and opens the same data again, as a restarted bot would. */
    void reopen() {
        store.close();
        store = ChatStores.open(config, CLOCK);
    }

    @Test
    void everythingSurvivesReopening() {
        store.units(CHAT, Units.IMPERIAL);
        store.language(CHAT, Language.UKRAINIAN);
        store.home(CHAT, KYIV);
        store.savePlace(CHAT, "zeta", LVIV);
        store.savePlace(CHAT, "Дача", BERLIN);

        reopen();

        assertThat(store.settings(CHAT), is(new ChatSettings(Units.IMPERIAL, Language.UKRAINIAN, Optional.of(KYIV),
                List.of(new NamedPlace("zeta", LVIV), new NamedPlace("Дача", BERLIN)), true)));
        assertThat("the order goes on after a restart", store.savePlace(CHAT, "alpha", KYIV), is(SaveOutcome.SAVED));
        assertThat(names(store.settings(CHAT).places()), contains("zeta", "Дача", "alpha"));
    }

    @Test
    void aForgottenChatStaysForgottenAfterReopening() {
        store.units(CHAT, Units.IMPERIAL);
        store.savePlace(CHAT, "work", BERLIN);
        store.forgetChat(CHAT);

        reopen();

        assertThat(store.settings(CHAT), is(ChatSettings.DEFAULTS));
        assertThat(store.forgetChat(CHAT), is(false));
    }
}
