package dev.weatheragent.store;

/** The subscription contract in memory. */
class MemorySubscriptionStoreTest extends SubscriptionStoreContract {

    @Override
    ChatStore open() {
        return new MemoryChatStore("test");
    }
}
