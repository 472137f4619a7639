package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** The subscription contract on an SQLite file, and that a reopened file (a restart) keeps claims. */
class SqliteSubscriptionStoreTest extends SubscriptionStoreContract {

    @TempDir
    Path dir;

    private StoreConfig config() {
        return new StoreConfig(dir.resolve("data"), Optional.empty());
    }

    @Override
    ChatStore open() {
        return ChatStores.open(config(), ChatStoreContract.CLOCK);
    }

    @Test
    void subscriptionsAndOpenClaimsSurviveARestart() {
        subscriptions.subscribe(daily(CHAT, ChatStoreContract.KYIV, DUE));
        subscriptions.subscribe(daily(OTHER, ChatStoreContract.KYIV, DUE));
        subscriptions.claim(List.of(deliver(CHAT, DUE), deliver(OTHER, DUE)), "before", DUE);
        subscriptions.finish(OTHER, DATE, DeliveryOutcome.SENT, DUE);
        store.close();

        store = open();
        subscriptions = store.subscriptions();

        assertThat(subscriptions.daily(CHAT).orElseThrow().nextDue(), is(NEXT));
        assertThat("only the unconfirmed claim is open", subscriptions.reclaim(DUE, "after", DUE, 10), hasSize(1));
    }
}
