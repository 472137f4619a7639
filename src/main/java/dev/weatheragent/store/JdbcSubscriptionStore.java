package dev.weatheragent.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Subscriptions and deliveries in the same database as the chat settings ({@link JdbcAccess}), in portable SQL. The
 * scheduler's queries are range scans on partial indexes (due subscriptions by {@code next_due}, open claims by
 * {@code claimed_at}), and a batch of claims is one transaction of two JDBC batches, so its work grows with the
 * forecasts due, not with the subscriptions kept.
 */
final class JdbcSubscriptionStore implements SubscriptionStore {

    /** A subscription with its chat's units and language; read by {@link #dueDaily}. */
    private static final String SELECT_SUBSCRIPTIONS = "SELECT s.chat_id, s.label, s.latitude, s.longitude,"
            + " s.timezone, s.local_time, s.language, s.paused, s.next_due, c.units, c.language"
            + " FROM daily_subscriptions s LEFT JOIN chat_settings c ON c.chat_id = s.chat_id";

    /** Bind parameters of one lookup of kept forecasts: far under both databases' limits. */
    private static final int KEYS_PER_QUERY = 500;

    private final JdbcAccess db;
    private final Clock clock;

    JdbcSubscriptionStore(JdbcAccess db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<DailySubscription> daily(long chatId) {
        return db.query(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT_SUBSCRIPTIONS + " WHERE s.chat_id = ?")) {
                s.setLong(1, chatId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(dueDaily(r).subscription()) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void subscribe(DailySubscription d) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO daily_subscriptions (chat_id, label,"
                    + " latitude, longitude, timezone, local_time, language, paused, next_due, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET"
                    + " label = excluded.label, latitude = excluded.latitude, longitude = excluded.longitude,"
                    + " timezone = excluded.timezone, local_time = excluded.local_time, language = excluded.language,"
                    + " paused = 0, next_due = excluded.next_due")) {
                s.setLong(1, d.chatId());
                s.setString(2, d.place().label());
                s.setDouble(3, d.place().latitude());
                s.setDouble(4, d.place().longitude());
                s.setString(5, d.place().timezone());
                s.setString(6, d.time().toString());
                s.setString(7, d.telegramLanguage());
                s.setLong(8, d.nextDue().toEpochMilli());
                s.setLong(9, clock.millis());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean unsubscribe(long chatId) {
        // The deliveries stay: subscribing again the same day must not bring that day's forecast twice.
        return update("DELETE FROM daily_subscriptions WHERE chat_id = ?", chatId) > 0;
    }

    @Override
    public List<DueDaily> due(Instant now, int limit) {
        return db.query(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT_SUBSCRIPTIONS
                    + " WHERE s.paused = 0 AND s.next_due <= ? ORDER BY s.next_due LIMIT ?")) {
                s.setLong(1, now.toEpochMilli());
                s.setInt(2, limit);
                List<DueDaily> due = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        due.add(dueDaily(r));
                    }
                }
                return due;
            }
        });
    }

    @Override
    public List<UpcomingDaily> upcoming(Instant after, Instant until) {
        return db.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT s.latitude, s.longitude, c.units, s.next_due"
                    + " FROM daily_subscriptions s LEFT JOIN chat_settings c ON c.chat_id = s.chat_id"
                    + " WHERE s.paused = 0 AND s.next_due > ? AND s.next_due <= ?")) {
                s.setLong(1, after.toEpochMilli());
                s.setLong(2, until.toEpochMilli());
                List<UpcomingDaily> upcoming = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        upcoming.add(new UpcomingDaily(r.getDouble(1), r.getDouble(2),
                                JdbcChatStore.units(r.getString(3)), Instant.ofEpochMilli(r.getLong(4))));
                    }
                }
                return upcoming;
            }
        });
    }

    private static DueDaily dueDaily(ResultSet r) throws SQLException {
        String telegramLanguage = r.getString(7);
        DailySubscription subscription = new DailySubscription(r.getLong(1),
                new SavedPlace(r.getString(2), r.getDouble(3), r.getDouble(4), r.getString(5)),
                LocalTime.parse(r.getString(6)), telegramLanguage, r.getInt(8) != 0,
                Instant.ofEpochMilli(r.getLong(9)));
        return new DueDaily(subscription, JdbcChatStore.units(r.getString(10)),
                language(r.getString(11)).replyLanguage(telegramLanguage));
    }

    private static Language language(String stored) {
        return stored == null ? Language.AUTO : Language.ofCode(stored).orElse(Language.AUTO);
    }

    @Override
    public Set<Long> claim(List<DailyClaim> claims, String owner, Instant now) {
        if (claims.isEmpty()) {
            return Set.of();
        }
        // In chat order, whatever order the batch has: two instances claiming overlapping batches then take the
        // rows' locks in the same order, and one waits for the other instead of both deadlocking (PostgreSQL).
        List<DailyClaim> ordered = claims.stream().sorted(Comparator.comparingLong(DailyClaim::chatId)).toList();
        return db.transaction(c -> {
            int[] moved;
            // next_due + 0: the guard that nobody moved it meanwhile must not look like a search on the due-time
            // index, which matches every row when all are due the same minute. PostgreSQL, its statistics not yet
            // updated after 100,000 subscriptions were imported, used it anyway: 19 s for a batch of 2,000 claims,
            // 60-90 ms with the guard out of the index's reach (measured).
            try (PreparedStatement s = c.prepareStatement("UPDATE daily_subscriptions SET next_due = ?"
                    + " WHERE chat_id = ? AND next_due + 0 = ? AND paused = 0")) {
                for (DailyClaim claim : ordered) {
                    s.setLong(1, claim.next().toEpochMilli());
                    s.setLong(2, claim.chatId());
                    s.setLong(3, claim.was().toEpochMilli());
                    s.addBatch();
                }
                moved = s.executeBatch();
            }
            List<DailyClaim> toClaim = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                if (moved[i] > 0 && ordered.get(i).date().isPresent()) {
                    toClaim.add(ordered.get(i));
                }
            }
            Set<Long> claimed = new HashSet<>();
            if (toClaim.isEmpty()) {
                return claimed;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO daily_deliveries (chat_id, local_date,"
                    + " due_at, claimed_by, claimed_at) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (chat_id, local_date) DO NOTHING")) {
                for (DailyClaim claim : toClaim) {
                    s.setLong(1, claim.chatId());
                    s.setString(2, claim.date().orElseThrow().toString());
                    s.setLong(3, claim.dueAt().toEpochMilli());
                    s.setString(4, owner);
                    s.setLong(5, now.toEpochMilli());
                    s.addBatch();
                }
                int[] inserted = s.executeBatch();
                for (int i = 0; i < toClaim.size(); i++) {
                    if (inserted[i] > 0) {
                        claimed.add(toClaim.get(i).chatId());
                    }
                }
            }
            return claimed;
        });
    }

    @Override
    public List<DailyDelivery> reclaim(Instant claimedBefore, String owner, Instant now, int limit) {
        return db.transaction(c -> {
            List<DailyDelivery> open = new ArrayList<>();
            List<Long> claimedAt = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT d.chat_id, d.local_date, d.due_at, d.claimed_at,"
                    + " s.label, s.latitude, s.longitude, s.timezone, s.language, c.units, c.language"
                    + " FROM daily_deliveries d JOIN daily_subscriptions s ON s.chat_id = d.chat_id"
                    + " LEFT JOIN chat_settings c ON c.chat_id = d.chat_id"
                    + " WHERE d.sent_at IS NULL AND d.claimed_at <= ? AND s.paused = 0"
                    + " ORDER BY d.claimed_at LIMIT ?")) {
                s.setLong(1, claimedBefore.toEpochMilli());
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        open.add(new DailyDelivery(r.getLong(1), LocalDate.parse(r.getString(2)),
                                Instant.ofEpochMilli(r.getLong(3)),
                                new SavedPlace(r.getString(5), r.getDouble(6), r.getDouble(7), r.getString(8)),
                                JdbcChatStore.units(r.getString(10)),
                                language(r.getString(11)).replyLanguage(r.getString(9))));
                        claimedAt.add(r.getLong(4));
                    }
                }
            }
            if (open.isEmpty()) {
                return open;
            }
            List<DailyDelivery> taken = new ArrayList<>();
            // Only where the claim is still the one read: of two instances reclaiming at once, one wins each row.
            try (PreparedStatement s = c.prepareStatement("UPDATE daily_deliveries SET claimed_by = ?,"
                    + " claimed_at = ? WHERE chat_id = ? AND local_date = ? AND sent_at IS NULL AND claimed_at = ?")) {
                for (int i = 0; i < open.size(); i++) {
                    s.setString(1, owner);
                    s.setLong(2, now.toEpochMilli());
                    s.setLong(3, open.get(i).chatId());
                    s.setString(4, open.get(i).date().toString());
                    s.setLong(5, claimedAt.get(i));
                    s.addBatch();
                }
                int[] updated = s.executeBatch();
                for (int i = 0; i < open.size(); i++) {
                    if (updated[i] > 0) {
                        taken.add(open.get(i));
                    }
                }
            }
            return taken;
        });
    }

    @Override
    public void finish(long chatId, LocalDate date, DeliveryOutcome outcome, Instant at) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE daily_deliveries SET sent_at = ?, outcome = ?"
                    + " WHERE chat_id = ? AND local_date = ?")) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, outcome.code());
                s.setLong(3, chatId);
                s.setString(4, date.toString());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void finishAll(List<FinishedDelivery> finished) {
        if (finished.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE daily_deliveries SET sent_at = ?, outcome = ?"
                    + " WHERE chat_id = ? AND local_date = ?")) {
                for (FinishedDelivery f : finished) {
                    s.setLong(1, f.at().toEpochMilli());
                    s.setString(2, f.outcome().code());
                    s.setLong(3, f.chatId());
                    s.setString(4, f.date().toString());
                    s.addBatch();
                }
                return s.executeBatch();
            }
        });
    }

    @Override
    public void releaseAll(List<DailyDelivery> unsent) {
        if (unsent.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE daily_deliveries SET claimed_at = 0"
                    + " WHERE chat_id = ? AND local_date = ? AND sent_at IS NULL")) {
                for (DailyDelivery d : unsent) {
                    s.setLong(1, d.chatId());
                    s.setString(2, d.date().toString());
                    s.addBatch();
                }
                return s.executeBatch();
            }
        });
    }

    @Override
    public void release(long chatId, LocalDate date) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE daily_deliveries SET claimed_at = 0"
                    + " WHERE chat_id = ? AND local_date = ? AND sent_at IS NULL")) {
                s.setLong(1, chatId);
                s.setString(2, date.toString());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void pause(long chatId) {
        update("UPDATE daily_subscriptions SET paused = 1 WHERE chat_id = ?", chatId);
    }

    @Override
    public boolean resume(long chatId) {
        return update("UPDATE daily_subscriptions SET paused = 0 WHERE chat_id = ? AND paused = 1", chatId) > 0;
    }

    private int update(String sql, long chatId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, chatId);
                return s.executeUpdate();
            }
        });
    }
    @Override
    public void keepForecasts(Map<String, String> bodies, Instant fetchedAt) {
        if (bodies.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO fetched_forecasts (forecast_key, body,"
                    + " fetched_at) VALUES (?, ?, ?) ON CONFLICT (forecast_key) DO UPDATE SET body = excluded.body,"
                    + " fetched_at = excluded.fetched_at")) {
                // In key order: two instances writing overlapping sets lock the rows in the same order.
                for (String key : bodies.keySet().stream().sorted().toList()) {
                    s.setString(1, key);
                    s.setString(2, bodies.get(key));
                    s.setLong(3, fetchedAt.toEpochMilli());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Map<String, String> keptForecasts(Collection<String> keys, Instant since) {
        Map<String, String> found = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
            db.query(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT forecast_key, body FROM fetched_forecasts"
                        + " WHERE fetched_at >= ? AND forecast_key IN (" + "?, ".repeat(chunk.size() - 1) + "?)")) {
                    s.setLong(1, since.toEpochMilli());
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            found.put(r.getString(1), r.getString(2));
                        }
                    }
                }
                return null;
            });
        }
        return found;
    }

    @Override
    public int prune(Instant dueBefore, Instant fetchedBefore) {
        return db.deleteInChunks("DELETE FROM daily_deliveries WHERE (chat_id, local_date) IN (SELECT chat_id,"
                + " local_date FROM daily_deliveries WHERE due_at < ? LIMIT ?)", dueBefore)
                + db.deleteInChunks("DELETE FROM fetched_forecasts WHERE forecast_key IN (SELECT forecast_key"
                + " FROM fetched_forecasts WHERE fetched_at < ? LIMIT ?)", fetchedBefore);
    }
}
