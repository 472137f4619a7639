package dev.weatheragent.store;

/** The alert contract on PostgreSQL, a database of its own for every test. */
class PostgresAlertStoreTest extends AlertStoreContract {

    @Override
    ChatStore open() {
        return ChatStores.open(PostgresFixture.config(PostgresFixture.shared().newDatabase()), ChatStoreContract.CLOCK);
    }
}
