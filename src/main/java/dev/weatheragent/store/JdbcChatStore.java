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
    private final JdbcAlertStore alerts;

    JdbcChatStore(JdbcAccess db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.subscriptions = new JdbcSubscriptionStore(db, clock);
        this.alerts = new JdbcAlertStore(db, clock);
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    @Override
    public AlertStore alerts() {
        return alerts;
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
        // One round trip for the settings row (part 0), the places (part 1), a paused daily forecast (part 2) and
        // paused alerts (part 3): every update needs all four.
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 0 AS part, units, language, home_label,"
                    + " home_latitude, home_longitude, home_timezone, 0 AS seq FROM chat_settings WHERE chat_id = ?"
                    + " UNION ALL SELECT 1, name, NULL, label, latitude, longitude, timezone, seq FROM saved_places"
                    + " WHERE chat_id = ? UNION ALL SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, 0"
                    + " FROM daily_subscriptions WHERE chat_id = ? AND paused = 1"
                    + " UNION ALL SELECT 3, NULL, NULL, NULL, NULL, NULL, NULL, 0"
                    + " FROM alert_subscriptions WHERE chat_id = ? AND paused = 1 ORDER BY 1, 8")) {
                for (int i = 1; i <= 4; i++) {
                    s.setLong(i, chatId);
                }
                try (ResultSet r = s.executeQuery()) {
                    boolean stored = false;
                    boolean dailyPaused = false;
                    boolean alertsPaused = false;
                    Units units = Units.METRIC;
                    Language language = Language.AUTO;
                    Optional<SavedPlace> home = Optional.empty();
                    List<NamedPlace> places = new ArrayList<>();
                    while (r.next()) {
                        stored = true;
                        switch (r.getInt(1)) {
                            case 0 -> {
                                units = units(r.getString(2));
                                language = r.getString(3) == null ? Language.AUTO
                                        : Language.ofCode(r.getString(3)).orElse(Language.AUTO);
                                home = r.getString(4) == null ? Optional.empty() : Optional.of(place(r, 4));
                            }
                            case 1 -> places.add(new NamedPlace(r.getString(2), place(r, 4)));
                            case 2 -> dailyPaused = true;
                            default -> alertsPaused = true;
                        }
                    }
                    return stored ? new ChatSettings(units, language, home, places, true, dailyPaused,
                            alertsPaused)
                            : ChatSettings.DEFAULTS;
                }
            }
        });
    }

    /** The label, latitude, longitude and time zone in the four columns from this one. */
    private static SavedPlace place(ResultSet r, int first) throws SQLException {
        return new SavedPlace(r.getString(first), r.getDouble(first + 1), r.getDouble(first + 2),
                r.getString(first + 3));
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
            int deleted = JdbcAlertStore.deleteSubscription(c, chatId) ? 1 : 0;
            for (String table : List.of("alert_deliveries", "daily_deliveries", "daily_subscriptions", "saved_places",
                    "chat_settings")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE chat_id = ?")) {
                    s.setLong(1, chatId);
                    deleted += s.executeUpdate();
                }
            }
            return deleted > 0;
        });
    }

    @Override
    public boolean durable() {
        return true;
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
