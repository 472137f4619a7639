package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/** The alert contract on an SQLite file, and that a reopened file (a restart) keeps events and open claims. */
class SqliteAlertStoreTest extends AlertStoreContract {

    @TempDir
    Path dir;

    @Override
    ChatStore open() {
        return ChatStores.open(new StoreConfig(dir.resolve("data"), Optional.empty()), ChatStoreContract.CLOCK);
    }

    @Test
    void eventsChecksAndOpenClaimsSurviveARestart() {
        alerts.subscribe(on(CHAT, ChatStoreContract.KYIV), NOW);
        alerts.subscribe(on(OTHER, ChatStoreContract.KYIV), NOW);
        alerts.takeCheck(KYIV_KEY, NOW, NEXT);
        AlertEvent rain = new AlertEvent(rain(CHAT).kind(), RAIN_KEY, NEXT);
        alerts.claim(GROUP, List.of(rain), List.of(rain(CHAT), rain(OTHER)), "before", NOW);
        alerts.finish(OTHER, rain.kind(), RAIN_KEY, DeliveryOutcome.SENT, NOW);
        store.close();

        store = open();
        alerts = store.alerts();

        assertThat(alerts.dueChecks(NEXT, 10), contains(new DueCheck(KYIV_KEY, NEXT)));
        assertThat(alerts.events(GROUP).get(rain.kind()), is(rain));
        assertThat("only the unconfirmed claim is open", alerts.reclaim(NOW, "after", NOW, 10), contains(rain(CHAT)));
    }
}
