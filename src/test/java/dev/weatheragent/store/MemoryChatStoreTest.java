package dev.weatheragent.store;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The contract in memory: the same rules, kept only while the process runs. */
class MemoryChatStoreTest extends ChatStoreContract {

    @Override
    ChatStore open() {
        return new MemoryChatStore("console");
    }

    @Test
    void statusSaysNothingIsDurable() {
        assertThat(store.status(), is(new StoreStatus("memory", true, false, "console")));
    }
}
