package dev.weatheragent.store;

import dev.weatheragent.weather.Units;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chats' settings in SQLite or PostgreSQL, through plain JDBC on a pool: the same portable SQL on both (see
 * {@code db/migration}). Each write is one transaction, committed before the method returns; a failure to reach
 * the database becomes {@link StoreUnavailableException} ({@link JdbcAccess}).
 */
final class JdbcChatStore implements ChatStore {

    private final JdbcAccess db;
    private final Clock clock;
    private final JdbcSubscriptionStore subscriptions;

    JdbcChatStore(JdbcAccess db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.subscriptions = new JdbcSubscriptionStore(db, clock);
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    /** Migrations have run: the store is in use from now on. */
    void migrated() {
        db.migrated();
    }

    /** Why the store cannot start (shown in health until {@link #migrated()}). */
    void startupProblem(String problem) {
        db.startupProblem(problem);
    }

    @Override
    public ChatSettings settings(long chatId) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT units, language, home_label, home_latitude,"
                    + " home_longitude, home_timezone FROM chat_settings WHERE chat_id = ?")) {
                s.setLong(1, chatId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return ChatSettings.DEFAULTS;
                    }
                    Units units = units(r.getString(1));
                    Language language = r.getString(2) == null ? Language.AUTO
                            : Language.ofCode(r.getString(2)).orElse(Language.AUTO);
                    Optional<SavedPlace> home = r.getString(3) == null ? Optional.empty()
                            : Optional.of(new SavedPlace(r.getString(3), r.getDouble(4), r.getDouble(5),
                            r.getString(6)));
                    return new ChatSettings(units, language, home, true);
                }
            }
        });
    }

    /** An unknown value (from a newer build, rolled back) reads as the default, as an unknown language does. */
    static Units units(String stored) {
        for (Units units : Units.values()) {
            if (units.name().equals(stored)) {
                return units;
            }
        }
        return Units.METRIC;
    }

    @Override
    public void units(long chatId, Units units) {
        upsert(chatId, "units", units.name());
    }

    @Override
    public void language(long chatId, Language language) {
        upsert(chatId, "language", language.code());
    }

    private void upsert(long chatId, String column, String value) {
        // Only the named column changes: concurrent changes to other settings of the chat are kept.
        transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO chat_settings (chat_id, " + column
                    + ", updated_at) VALUES (?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET " + column + " = excluded."
                    + column + ", updated_at = excluded.updated_at")) {
                s.setLong(1, chatId);
                s.setString(2, value);
                s.setLong(3, clock.millis());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void home(long chatId, SavedPlace place) {
        transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO chat_settings (chat_id, home_label,"
                    + " home_latitude, home_longitude, home_timezone, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (chat_id) DO UPDATE SET home_label = excluded.home_label,"
                    + " home_latitude = excluded.home_latitude, home_longitude = excluded.home_longitude,"
                    + " home_timezone = excluded.home_timezone, updated_at = excluded.updated_at")) {
                s.setLong(1, chatId);
                s.setString(2, place.label());
                s.setDouble(3, place.latitude());
                s.setDouble(4, place.longitude());
                s.setString(5, place.timezone());
                s.setLong(6, clock.millis());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public SaveOutcome savePlace(long chatId, String rawName, SavedPlace place) {
        String name = PlaceNames.checked(rawName);
        String key = PlaceNames.key(name);
        return transaction(c -> {
            long now = clock.millis();
            // Writing the chat's row first locks it (PostgreSQL) or the database (SQLite) for this transaction,
            // so that two saves at once cannot both see nine places and store eleven, or take the same seq.
            try (PreparedStatement s = c.prepareStatement("INSERT INTO chat_settings (chat_id, updated_at)"
                    + " VALUES (?, ?) ON CONFLICT (chat_id) DO UPDATE SET updated_at = excluded.updated_at")) {
                s.setLong(1, chatId);
                s.setLong(2, now);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE saved_places SET name = ?, label = ?,"
                    + " latitude = ?, longitude = ?, timezone = ? WHERE chat_id = ? AND name_key = ?")) {
                s.setString(1, name);
                s.setString(2, place.label());
                s.setDouble(3, place.latitude());
                s.setDouble(4, place.longitude());
                s.setString(5, place.timezone());
                s.setLong(6, chatId);
                s.setString(7, key);
                if (s.executeUpdate() > 0) {
                    return SaveOutcome.REPLACED;
                }
            }
            long seq;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM saved_places WHERE chat_id = ?")) {
                s.setLong(1, chatId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) >= MAX_PLACES) {
                        c.rollback();
                        return SaveOutcome.FULL;
                    }
                    seq = r.getLong(2) + 1;
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO saved_places (chat_id, name_key, name, label,"
                    + " latitude, longitude, timezone, created_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, chatId);
                s.setString(2, key);
                s.setString(3, name);
                s.setString(4, place.label());
                s.setDouble(5, place.latitude());
                s.setDouble(6, place.longitude());
                s.setString(7, place.timezone());
                s.setLong(8, now);
                s.setLong(9, seq);
                s.executeUpdate();
            }
            return SaveOutcome.SAVED;
        });
    }

    @Override
    public Optional<NamedPlace> place(long chatId, String name) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT_PLACES + " AND name_key = ?")) {
                s.setLong(1, chatId);
                s.setString(2, PlaceNames.key(name));
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(namedPlace(r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<NamedPlace> places(long chatId) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT_PLACES + " ORDER BY seq")) {
                s.setLong(1, chatId);
                List<NamedPlace> places = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        places.add(namedPlace(r));
                    }
                }
                return places;
            }
        });
    }

    /** The columns {@link #namedPlace} reads, of one chat's places. */
    private static final String SELECT_PLACES = "SELECT name, label, latitude, longitude, timezone"
            + " FROM saved_places WHERE chat_id = ?";

    private static NamedPlace namedPlace(ResultSet r) throws SQLException {
        return new NamedPlace(r.getString(1), new SavedPlace(r.getString(2), r.getDouble(3), r.getDouble(4),
                r.getString(5)));
    }

    @Override
    public boolean forgetPlace(long chatId, String name) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM saved_places WHERE chat_id = ? AND name_key = ?")) {
                s.setLong(1, chatId);
                s.setString(2, PlaceNames.key(name));
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean forgetChat(long chatId) {
        return transaction(c -> {
            int deleted = 0;
            for (String table : List.of("daily_deliveries", "daily_subscriptions", "saved_places", "chat_settings")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE chat_id = ?")) {
                    s.setLong(1, chatId);
                    deleted += s.executeUpdate();
                }
            }
            return deleted > 0;
        });
    }

    @Override
    public StoreStatus status() {
        if (!db.isMigrated()) {
            return new StoreStatus(db.kind(), false, true, db.where() + ": " + db.startupProblem());
        }
        try {
            query(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM chat_settings WHERE chat_id = 0");
                     ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            });
            return new StoreStatus(db.kind(), true, true, db.where());
        } catch (StoreUnavailableException e) {
            return new StoreStatus(db.kind(), false, true, db.where() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        db.close();
    }

    private <T> T query(JdbcAccess.Work<T> work) {
        return db.query(work);
    }

    private <T> T transaction(JdbcAccess.Work<T> work) {
        return db.transaction(work);
    }
}
