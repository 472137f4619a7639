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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.weatheragent.store.ChatStoreContract.BERLIN;
import static dev.weatheragent.store.ChatStoreContract.CLOCK;
import static dev.weatheragent.store.ChatStoreContract.KYIV;
import static dev.weatheragent.store.ChatStoreContract.LVIV;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqliteBackupTest {

    @TempDir
    Path dir;

    @Test
    void aStoreInUseIsCopiedAndTheCopyOpensWithTheData() throws Exception {
        StoreConfig live = new StoreConfig(dir.resolve("data"), Optional.empty());
        Path target = dir.resolve("backups").resolve(StoreConfig.SQLITE_FILE);
        try (ChatStore store = ChatStores.open(live, CLOCK)) {
            store.units(1, Units.IMPERIAL);
            store.home(1, KYIV);
            store.savePlace(1, "Дача", LVIV);

            // Another chat keeps writing while the backup runs, as the bot would.
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger writes = new AtomicInteger();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                while (writing.get() || writes.get() == 0) {
                    store.units(2, writes.incrementAndGet() % 2 == 0 ? Units.METRIC : Units.IMPERIAL);
                }
            });
            // The counter moves before each write: at 2, the first write is committed and must be in the copy.
            while (writes.get() < 2) {
                Thread.onSpinWait();
            }
            SqliteBackup.backup(live, target);
            writing.set(false);
            writer.get(30, TimeUnit.SECONDS);
            store.savePlace(1, "after the backup", BERLIN);
            assertThat(writes.get(), is(greaterThan(0)));
        }

        assertThat(integrity(target), is("ok"));
        try (ChatStore copy = ChatStores.open(new StoreConfig(target.getParent(), Optional.empty()), CLOCK)) {
            assertThat(copy.settings(1), is(new ChatSettings(Units.IMPERIAL, Language.AUTO, Optional.of(KYIV),
                    List.of(new NamedPlace("Дача", LVIV)), true)));
            assertThat("chat 2 was written as of some moment", copy.settings(2).stored(), is(true));
        }
    }

    @Test
    void anExistingTargetIsNeverOverwritten() throws IOException {
        StoreConfig live = new StoreConfig(dir.resolve("data"), Optional.empty());
        ChatStores.open(live, CLOCK).close();
        Path target = Files.writeString(dir.resolve("yesterday.db"), "");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqliteBackup.backup(live, target));

        assertThat(e.getMessage(), allOf(containsString(target.toAbsolutePath().toString()),
                containsString("exists already")));
        assertThat(Files.size(target), is(0L));
    }

    @Test
    void aPostgresConfigurationIsRefused() {
        StoreConfig postgres = PostgresFixture.config(new StoreConfig.Database("jdbc:postgresql://db:5432/weather",
                Optional.of("weather"), Optional.of("secret"), "db:5432/weather"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqliteBackup.backup(postgres, dir.resolve("copy.db")));

        assertThat(e.getMessage(), allOf(containsString("PostgreSQL at db:5432/weather"), containsString("pg_dump")));
    }

    @Test
    void aMissingDatabaseIsRefusedAndNotCreated() {
        StoreConfig empty = new StoreConfig(dir.resolve("nothing-here"), Optional.empty());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqliteBackup.backup(empty, dir.resolve("copy.db")));

        assertThat(e.getMessage(), containsString("no SQLite database at " + empty.sqliteFile().toAbsolutePath()));
        assertThat(Files.exists(empty.sqliteFile()), is(false));
        assertThat(Files.exists(dir.resolve("copy.db")), is(false));
    }

    private static String integrity(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }
}
