package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import static dev.weatheragent.store.ChatStoreContract.CLOCK;
import static dev.weatheragent.store.ChatStoreContract.KYIV;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What the SQLite store does when its file or directory misbehaves. */
class SqliteFailureTest {

    /** The busy timeout is 2 s; well past it is a hang. */
    private static final Duration NO_HANG = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private StoreConfig config() {
        return new StoreConfig(dir.resolve("data"), Optional.empty());
    }

    @Test
    void aDeletedFileIsReportedAndNoWriteIsConfirmed() throws IOException {
        StoreConfig config = config();
        try (ChatStore store = ChatStores.open(config, CLOCK)) {
            store.units(1, Units.IMPERIAL);

            Files.delete(config.sqliteFile());

            assertThrows(StoreUnavailableException.class, () -> store.units(1, Units.METRIC));
            assertThrows(StoreUnavailableException.class, () -> store.savePlace(1, "home", KYIV));
            assertThrows(StoreUnavailableException.class, () -> store.settings(1));
            StoreStatus status = store.status();
            assertThat(status.ready(), is(false));
            assertThat(status.detail(), containsString("deleted or replaced"));
        }
    }

    @Test
    void aFileReplacedWhileOpenIsReportedToo() throws IOException {
        StoreConfig config = config();
        try (ChatStore store = ChatStores.open(config, CLOCK)) {
            Path copy = dir.resolve("copy.db");
            Files.copy(config.sqliteFile(), copy);
            Files.move(copy, config.sqliteFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            assertThrows(StoreUnavailableException.class, () -> store.units(1, Units.METRIC));
            assertThat(store.status().ready(), is(false));
        }
    }

    @Test
    void aWriteWaitsOutTheBusyTimeoutThenFailsAndWorksOnceTheLockIsGone() throws SQLException {
        StoreConfig config = config();
        try (ChatStore store = ChatStores.open(config, CLOCK);
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + config.sqliteFile().toAbsolutePath());
             Statement lock = other.createStatement()) {
            store.units(1, Units.IMPERIAL);
            lock.execute("BEGIN EXCLUSIVE");

            assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(StoreUnavailableException.class, () -> store.units(1, Units.METRIC)));
            assertThat("reads go on in WAL mode", store.settings(1).units(), is(Units.IMPERIAL));

            lock.execute("ROLLBACK");

            store.units(1, Units.METRIC);
            assertThat(store.settings(1).units(), is(Units.METRIC));
            assertThat(store.status().ready(), is(true));
        }
    }

    @Test
    void aDataDirThatCannotBeCreatedMeansMemoryOnly() throws IOException {
        // Root may write anywhere, whatever the mode bits: a directory below a regular file cannot exist at all.
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        try (ChatStore store = ChatStores.open(new StoreConfig(file.resolve("data"), Optional.empty()), CLOCK)) {
            assertThat(store, instanceOf(MemoryChatStore.class));
            StoreStatus status = store.status();
            assertThat(status.kind(), is("memory"));
            assertThat(status.durable(), is(false));
            assertThat(status.ready(), is(true));
            assertThat(status.detail(), allOf(containsString("DATA_DIR"), containsString("cannot be created")));
            store.units(1, Units.IMPERIAL);
            assertThat(store.settings(1).units(), is(Units.IMPERIAL));
        }
    }

    @Test
    void aFileThatIsNotADatabaseStopsTheStart() throws IOException {
        StoreConfig config = config();
        Files.createDirectories(config.dataDir());
        Files.writeString(config.sqliteFile(), "these are not the pages of a SQLite database ".repeat(100));

        StoreStartupException e = assertThrows(StoreStartupException.class, () -> ChatStores.open(config, CLOCK));

        assertThat(e.getMessage(), containsString(config.sqliteFile().toAbsolutePath().toString()));
    }
}
