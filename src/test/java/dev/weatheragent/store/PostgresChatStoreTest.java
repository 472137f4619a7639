package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The contract on PostgreSQL: a database of its own for every test, on the shared server. */
class PostgresChatStoreTest extends DurableChatStoreContract {

    private StoreConfig.Database database;

    @Override
    StoreConfig config() {
        database = PostgresFixture.shared().newDatabase();
        return PostgresFixture.config(database);
    }

    @Test
    void statusNamesTheServerAndDatabase() {
        assertThat(store.status(), is(new StoreStatus("postgresql", true, true, database.display())));
    }
}
