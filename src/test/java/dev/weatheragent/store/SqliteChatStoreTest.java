package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The contract on the SQLite file in a fresh DATA_DIR. */
class SqliteChatStoreTest extends DurableChatStoreContract {

    @TempDir
    Path dir;

    @Override
    StoreConfig config() {
        // A directory that does not exist yet, as on a first start with an empty volume.
        return new StoreConfig(dir.resolve("data"), Optional.empty());
    }

    @Test
    void statusNamesTheFile() {
        assertThat(store.status(), is(new StoreStatus("sqlite", true, true,
                dir.resolve("data").resolve(StoreConfig.SQLITE_FILE).toAbsolutePath().toString())));
    }
}
