package dev.weatheragent.store;

import dev.weatheragent.weather.AlertKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alert subscriptions, checks, events and deliveries in the same database as the chat settings ({@link JdbcAccess}),
 * in portable SQL. The scheduler's queries are range scans on indexes (places by {@code next_check}, subscribers by
 * place, open claims by {@code claimed_at}), so a check's work grows with the place's subscribers, not with all.
 */
final class JdbcAlertStore implements AlertStore {

    private final JdbcAccess db;
    private final Clock clock;

    JdbcAlertStore(JdbcAccess db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<AlertSubscription> alerts(long chatId) {
        return db.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT label, latitude, longitude, timezone, language,"
                    + " paused FROM alert_subscriptions WHERE chat_id = ?")) {
                s.setLong(1, chatId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new AlertSubscription(chatId, place(r, 1), r.getString(5),
                            r.getInt(6) != 0)) : Optional.empty();
                }
            }
        });
    }

    private static SavedPlace place(ResultSet r, int first) throws SQLException {
        return new SavedPlace(r.getString(first), r.getDouble(first + 1), r.getDouble(first + 2),
                r.getString(first + 3));
    }

    @Override
    public void subscribe(AlertSubscription a, Instant firstCheck) {
        db.transaction(c -> {
            String before = placeKeyOf(c, a.chatId());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO alert_subscriptions (chat_id, place_key,"
                    + " label, latitude, longitude, timezone, language, paused, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (chat_id) DO UPDATE SET"
                    + " place_key = excluded.place_key, label = excluded.label, latitude = excluded.latitude,"
                    + " longitude = excluded.longitude, timezone = excluded.timezone, language = excluded.language,"
                    + " paused = 0")) {
                s.setLong(1, a.chatId());
                s.setString(2, a.placeKey());
                s.setString(3, a.place().label());
                s.setDouble(4, a.place().latitude());
                s.setDouble(5, a.place().longitude());
                s.setString(6, a.place().timezone());
                s.setString(7, a.telegramLanguage());
                s.setLong(8, clock.millis());
                s.executeUpdate();
            }
            // The earlier of the two: a chat turning alerts on hears of weather already on its way at once.
            try (PreparedStatement s = c.prepareStatement("INSERT INTO alert_places (place_key, next_check)"
                    + " VALUES (?, ?) ON CONFLICT (place_key) DO UPDATE SET next_check = CASE"
                    + " WHEN excluded.next_check < alert_places.next_check THEN excluded.next_check"
                    + " ELSE alert_places.next_check END")) {
                s.setString(1, a.placeKey());
                s.setLong(2, firstCheck.toEpochMilli());
                s.executeUpdate();
            }
            if (before != null && !before.equals(a.placeKey())) {
                dropPlaceIfUnused(c, before);
            }
            return null;
        });
    }

    @Override
    public boolean unsubscribe(long chatId) {
        // The deliveries stay: switching alerts off and on during a rain spell must not bring its alert twice.
        return db.transaction(c -> deleteSubscription(c, chatId));
    }

    /** Deletes the chat's subscription, and its place's check when no other chat has alerts there. */
    static boolean deleteSubscription(Connection c, long chatId) throws SQLException {
        String placeKey = placeKeyOf(c, chatId);
        if (placeKey == null) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM alert_subscriptions WHERE chat_id = ?")) {
            s.setLong(1, chatId);
            s.executeUpdate();
        }
        dropPlaceIfUnused(c, placeKey);
        return true;
    }

    private static String placeKeyOf(Connection c, long chatId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT place_key FROM alert_subscriptions WHERE chat_id = ?")) {
            s.setLong(1, chatId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static void dropPlaceIfUnused(Connection c, String placeKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM alert_places WHERE place_key = ? AND NOT EXISTS"
                + " (SELECT 1 FROM alert_subscriptions WHERE place_key = ?)")) {
            s.setString(1, placeKey);
            s.setString(2, placeKey);
            s.executeUpdate();
        }
    }

    @Override
    public List<DueCheck> dueChecks(Instant now, int limit) {
        return db.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT place_key, next_check FROM alert_places"
                    + " WHERE next_check <= ? ORDER BY next_check LIMIT ?")) {
                s.setLong(1, now.toEpochMilli());
                s.setInt(2, limit);
                List<DueCheck> due = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        due.add(new DueCheck(r.getString(1), Instant.ofEpochMilli(r.getLong(2))));
                    }
                }
                return due;
            }
        });
    }

    @Override
    public boolean takeCheck(String placeKey, Instant was, Instant next) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE alert_places SET next_check = ?"
                    + " WHERE place_key = ? AND next_check = ?")) {
                s.setLong(1, next.toEpochMilli());
                s.setString(2, placeKey);
                s.setLong(3, was.toEpochMilli());
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<AlertSubscriber> subscribers(String placeKey) {
        return db.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT a.chat_id, a.label, a.latitude, a.longitude,"
                    + " a.timezone, a.language, c.units, c.language FROM alert_subscriptions a"
                    + " LEFT JOIN chat_settings c ON c.chat_id = a.chat_id"
                    + " WHERE a.place_key = ? AND a.paused = 0 ORDER BY a.chat_id")) {
                s.setString(1, placeKey);
                List<AlertSubscriber> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Language language = r.getString(8) == null ? Language.AUTO
                                : Language.ofCode(r.getString(8)).orElse(Language.AUTO);
                        found.add(new AlertSubscriber(r.getLong(1), place(r, 2), JdbcChatStore.units(r.getString(7)),
                                language.replyLanguage(r.getString(6))));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public Map<AlertKind, AlertEvent> events(String placeGroup) {
        return db.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT kind, event_key, until_at FROM alert_events"
                    + " WHERE place_group = ?")) {
                s.setString(1, placeGroup);
                Map<AlertKind, AlertEvent> events = new EnumMap<>(AlertKind.class);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Optional<AlertKind> kind = AlertKind.ofCode(r.getString(1));
                        if (kind.isPresent()) {
                            events.put(kind.get(), new AlertEvent(kind.get(), r.getString(2),
                                    Instant.ofEpochMilli(r.getLong(3))));
                        }
                    }
                }
                return events;
            }
        });
    }

    @Override
    public List<AlertDelivery> claim(String placeGroup, List<AlertEvent> events, List<AlertDelivery> alerts,
                                     String owner, Instant now) {
        return db.transaction(c -> {
            if (!events.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO alert_events (place_group, kind,"
                        + " event_key, until_at) VALUES (?, ?, ?, ?) ON CONFLICT (place_group, kind) DO UPDATE SET"
                        + " event_key = excluded.event_key, until_at = excluded.until_at")) {
                    for (AlertEvent e : events.stream().sorted(Comparator.comparing(event -> event.kind().code())).toList()) {
                        s.setString(1, placeGroup);
                        s.setString(2, e.kind().code());
                        s.setString(3, e.key());
                        s.setLong(4, e.until().toEpochMilli());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            List<AlertDelivery> claimed = new ArrayList<>();
            if (alerts.isEmpty()) {
                return claimed;
            }
            // In key order: two instances inserting overlapping sets in different orders would deadlock on
            // PostgreSQL, each waiting for a key the other inserted first.
            List<AlertDelivery> ordered = alerts.stream().sorted(Comparator.comparingLong(AlertDelivery::chatId)
                    .thenComparing(a -> a.kind().code()).thenComparing(AlertDelivery::eventKey)).toList();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO alert_deliveries (chat_id, kind, event_key,"
                    + " event_end, message, claimed_by, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (chat_id, kind, event_key) DO NOTHING")) {
                for (AlertDelivery a : ordered) {
                    s.setLong(1, a.chatId());
                    s.setString(2, a.kind().code());
                    s.setString(3, a.eventKey());
                    s.setLong(4, a.eventEnd().toEpochMilli());
                    s.setString(5, a.html());
                    s.setString(6, owner);
                    s.setLong(7, now.toEpochMilli());
                    s.addBatch();
                }
                int[] inserted = s.executeBatch();
                for (int i = 0; i < ordered.size(); i++) {
                    if (inserted[i] > 0) {
                        claimed.add(ordered.get(i));
                    }
                }
            }
            return claimed;
        });
    }

    @Override
    public List<AlertDelivery> reclaim(Instant claimedBefore, String owner, Instant now, int limit) {
        return db.transaction(c -> {
            List<AlertDelivery> open = new ArrayList<>();
            List<Long> claimedAt = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT d.chat_id, d.kind, d.event_key, d.event_end,"
                    + " d.message, d.claimed_at FROM alert_deliveries d"
                    + " JOIN alert_subscriptions a ON a.chat_id = d.chat_id"
                    + " WHERE d.sent_at IS NULL AND d.claimed_at <= ? AND a.paused = 0"
                    + " ORDER BY d.claimed_at LIMIT ?")) {
                s.setLong(1, claimedBefore.toEpochMilli());
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Optional<AlertKind> kind = AlertKind.ofCode(r.getString(2));
                        if (kind.isPresent()) {
                            open.add(new AlertDelivery(r.getLong(1), kind.get(), r.getString(3),
                                    Instant.ofEpochMilli(r.getLong(4)), r.getString(5)));
                            claimedAt.add(r.getLong(6));
                        }
                    }
                }
            }
            List<AlertDelivery> taken = new ArrayList<>();
            if (open.isEmpty()) {
                return taken;
            }
            // Only where the claim is still the one read: of two instances reclaiming at once, one wins each row.
            try (PreparedStatement s = c.prepareStatement("UPDATE alert_deliveries SET claimed_by = ?,"
                    + " claimed_at = ? WHERE chat_id = ? AND kind = ? AND event_key = ? AND sent_at IS NULL"
                    + " AND claimed_at = ?")) {
                for (int i = 0; i < open.size(); i++) {
                    AlertDelivery a = open.get(i);
                    s.setString(1, owner);
                    s.setLong(2, now.toEpochMilli());
                    s.setLong(3, a.chatId());
                    s.setString(4, a.kind().code());
                    s.setString(5, a.eventKey());
                    s.setLong(6, claimedAt.get(i));
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
    public void finish(long chatId, AlertKind kind, String eventKey, DeliveryOutcome outcome, Instant at) {
        finishAll(List.of(new FinishedAlert(chatId, kind, eventKey, outcome, at)));
    }

    @Override
    public void finishAll(List<FinishedAlert> finished) {
        if (finished.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE alert_deliveries SET sent_at = ?, outcome = ?"
                    + " WHERE chat_id = ? AND kind = ? AND event_key = ?")) {
                for (FinishedAlert f : finished) {
                    s.setLong(1, f.at().toEpochMilli());
                    s.setString(2, f.outcome().code());
                    s.setLong(3, f.chatId());
                    s.setString(4, f.kind().code());
                    s.setString(5, f.eventKey());
                    s.addBatch();
                }
                return s.executeBatch();
            }
        });
    }

    @Override
    public void release(long chatId, AlertKind kind, String eventKey) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE alert_deliveries SET claimed_at = 0"
                    + " WHERE chat_id = ? AND kind = ? AND event_key = ? AND sent_at IS NULL")) {
                s.setLong(1, chatId);
                s.setString(2, kind.code());
                s.setString(3, eventKey);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void pause(long chatId) {
        update("UPDATE alert_subscriptions SET paused = 1 WHERE chat_id = ?", chatId);
    }

    @Override
    public boolean resume(long chatId) {
        return update("UPDATE alert_subscriptions SET paused = 0 WHERE chat_id = ? AND paused = 1", chatId) > 0;
    }

    @Override
    public Optional<SentAlert> lastSent(long chatId) {
        return db.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT kind, sent_at, message FROM alert_deliveries"
                    + " WHERE chat_id = ? AND outcome = 'sent' ORDER BY sent_at DESC LIMIT 1")) {
                s.setLong(1, chatId);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        Optional<AlertKind> kind = AlertKind.ofCode(r.getString(1));
                        if (kind.isPresent()) {
                            return Optional.of(new SentAlert(kind.get(), Instant.ofEpochMilli(r.getLong(2)),
                                    r.getString(3)));
                        }
                    }
                    return Optional.empty();
                }
            }
        });
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
    public int prune(Instant endedBefore) {
        return db.deleteInChunks("DELETE FROM alert_deliveries WHERE (chat_id, kind, event_key) IN (SELECT d.chat_id,"
                + " d.kind, d.event_key FROM alert_deliveries d WHERE d.event_end < ? AND (d.outcome IS NULL"
                + " OR d.outcome <> 'sent' OR EXISTS (SELECT 1 FROM alert_deliveries n WHERE n.chat_id = d.chat_id"
                + " AND n.outcome = 'sent' AND n.sent_at > d.sent_at)) LIMIT ?)", endedBefore)
                + db.deleteInChunks("DELETE FROM alert_events WHERE (place_group, kind) IN (SELECT place_group, kind"
                + " FROM alert_events WHERE until_at < ? LIMIT ?)", endedBefore);
    }
}
