package dev.weatheragent.store;

/** The subscription contract on PostgreSQL, a database of its own for every test. */
class PostgresSubscriptionStoreTest extends SubscriptionStoreContract {

    @Override
    ChatStore open() {
        return ChatStores.open(PostgresFixture.config(PostgresFixture.shared().newDatabase()), ChatStoreContract.CLOCK);
    }
}
