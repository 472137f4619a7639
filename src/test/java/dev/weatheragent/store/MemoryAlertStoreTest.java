package dev.weatheragent.store;

/** The alert contract in memory. */
class MemoryAlertStoreTest extends AlertStoreContract {

    @Override
    ChatStore open() {
        return new MemoryChatStore("test");
    }
}
