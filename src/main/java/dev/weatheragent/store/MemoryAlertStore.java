package dev.weatheragent.store;

import dev.weatheragent.weather.AlertKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/** Alerts in this process only, beside {@link MemoryChatStore}: the same rules, forgotten at exit. */
final class MemoryAlertStore implements AlertStore {

    private record Key(long chatId, AlertKind kind, String eventKey) {
    }

    private record Delivery(AlertDelivery alert, Instant claimedAt, Instant sentAt, DeliveryOutcome outcome) {
    }

    private final LongFunction<ChatSettings> settings;
    private final Map<Long, AlertSubscription> subscriptions = new HashMap<>();
    private final Map<String, Instant> places = new HashMap<>();
    private final Map<String, Map<AlertKind, AlertEvent>> events = new HashMap<>();
    private final Map<Key, Delivery> deliveries = new HashMap<>();

    /** @param settings the chat's settings, for the units and language of its alerts */
    MemoryAlertStore(LongFunction<ChatSettings> settings) {
        this.settings = settings;
    }

    @Override
    public synchronized Optional<AlertSubscription> alerts(long chatId) {
        return Optional.ofNullable(subscriptions.get(chatId));
    }

    @Override
    public synchronized void subscribe(AlertSubscription a, Instant firstCheck) {
        AlertSubscription before = subscriptions.put(a.chatId(),
                new AlertSubscription(a.chatId(), a.place(), a.telegramLanguage(), false));
        places.merge(a.placeKey(), firstCheck, (was, first) -> first.isBefore(was) ? first : was);
        if (before != null) {
            dropPlaceIfUnused(before.placeKey());
        }
    }

    @Override
    public synchronized boolean unsubscribe(long chatId) {
        AlertSubscription before = subscriptions.remove(chatId);
        if (before == null) {
            return false;
        }
        dropPlaceIfUnused(before.placeKey());
        return true;
    }

    private void dropPlaceIfUnused(String placeKey) {
        if (subscriptions.values().stream().noneMatch(s -> s.placeKey().equals(placeKey))) {
            places.remove(placeKey);
        }
    }

    @Override
    public synchronized List<DueCheck> dueChecks(Instant now, int limit) {
        return places.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now))
                .map(e -> new DueCheck(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(DueCheck::nextCheck))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean takeCheck(String placeKey, Instant was, Instant next) {
        return places.replace(placeKey, was, next);
    }

    @Override
    public List<AlertSubscriber> subscribers(String placeKey) {
        List<AlertSubscription> active;
        synchronized (this) {
            active = subscriptions.values().stream()
                    .filter(s -> !s.paused() && s.placeKey().equals(placeKey))
                    .sorted(Comparator.comparingLong(AlertSubscription::chatId))
                    .toList();
        }
        // The settings are read without this store's lock: reading them takes the subscriptions' and this one's.
        return active.stream()
                .map(s -> {
                    ChatSettings chat = settings.apply(s.chatId());
                    return new AlertSubscriber(s.chatId(), s.place(), chat.units(),
                            chat.language().replyLanguage(s.telegramLanguage()));
                })
                .toList();
    }

    @Override
    public synchronized Map<AlertKind, AlertEvent> events(String placeGroup) {
        Map<AlertKind, AlertEvent> seen = events.get(placeGroup);
        return seen == null ? new EnumMap<>(AlertKind.class) : new EnumMap<>(seen);
    }

    @Override
    public synchronized List<AlertDelivery> claim(String placeGroup, List<AlertEvent> seen, List<AlertDelivery> alerts,
                                                  String owner, Instant now) {
        Map<AlertKind, AlertEvent> group = events.computeIfAbsent(placeGroup, k -> new EnumMap<>(AlertKind.class));
        seen.forEach(e -> group.put(e.kind(), e));
        List<AlertDelivery> claimed = new ArrayList<>();
        for (AlertDelivery a : alerts) {
            if (deliveries.putIfAbsent(new Key(a.chatId(), a.kind(), a.eventKey()),
                    new Delivery(a, now, null, null)) == null) {
                claimed.add(a);
            }
        }
        return claimed;
    }

    @Override
    public synchronized List<AlertDelivery> reclaim(Instant claimedBefore, String owner, Instant now, int limit) {
        List<AlertDelivery> taken = new ArrayList<>();
        for (Map.Entry<Key, Delivery> e : deliveries.entrySet()) {
            Delivery d = e.getValue();
            AlertSubscription s = subscriptions.get(e.getKey().chatId());
            if (taken.size() < limit && d.sentAt() == null && !d.claimedAt().isAfter(claimedBefore) && s != null
                    && !s.paused()) {
                e.setValue(new Delivery(d.alert(), now, null, null));
                taken.add(d.alert());
            }
        }
        return taken;
    }

    @Override
    public synchronized void finish(long chatId, AlertKind kind, String eventKey, DeliveryOutcome outcome,
                                    Instant at) {
        deliveries.computeIfPresent(new Key(chatId, kind, eventKey),
                (k, d) -> new Delivery(d.alert(), d.claimedAt(), at, outcome));
    }

    @Override
    public synchronized void finishAll(List<FinishedAlert> finished) {
        finished.forEach(f -> finish(f.chatId(), f.kind(), f.eventKey(), f.outcome(), f.at()));
    }

    @Override
    public synchronized void release(long chatId, AlertKind kind, String eventKey) {
        deliveries.computeIfPresent(new Key(chatId, kind, eventKey),
                (k, d) -> d.sentAt() == null ? new Delivery(d.alert(), Instant.EPOCH, null, null) : d);
    }

    @Override
    public synchronized void pause(long chatId) {
        subscriptions.computeIfPresent(chatId, (id, s) -> new AlertSubscription(id, s.place(), s.telegramLanguage(),
                true));
    }

    @Override
    public synchronized boolean resume(long chatId) {
        AlertSubscription s = subscriptions.get(chatId);
        if (s == null || !s.paused()) {
            return false;
        }
        subscriptions.put(chatId, new AlertSubscription(chatId, s.place(), s.telegramLanguage(), false));
        return true;
    }

    @Override
    public synchronized Optional<SentAlert> lastSent(long chatId) {
        return deliveries.entrySet().stream()
                .filter(e -> e.getKey().chatId() == chatId && e.getValue().outcome() == DeliveryOutcome.SENT)
                .max(Comparator.comparing(e -> e.getValue().sentAt()))
                .map(e -> new SentAlert(e.getKey().kind(), e.getValue().sentAt(), e.getValue().alert().html()));
    }

    @Override
    public synchronized int prune(Instant endedBefore) {
        Map<Long, Instant> lastSent = new HashMap<>();
        deliveries.values().stream().filter(d -> d.outcome() == DeliveryOutcome.SENT)
                .forEach(d -> lastSent.merge(d.alert().chatId(), d.sentAt(), (a, b) -> a.isAfter(b) ? a : b));
        int before = deliveries.size();
        deliveries.values().removeIf(d -> d.alert().eventEnd().isBefore(endedBefore)
                && !(d.outcome() == DeliveryOutcome.SENT && d.sentAt().equals(lastSent.get(d.alert().chatId()))));
        int deleted = before - deliveries.size();
        for (Map<AlertKind, AlertEvent> group : events.values()) {
            int kinds = group.size();
            group.values().removeIf(e -> e.until().isBefore(endedBefore));
            deleted += kinds - group.size();
        }
        events.values().removeIf(Map::isEmpty);
        return deleted;
    }

    /** Deletes the chat's subscription and deliveries; whether there was any. */
    synchronized boolean forget(long chatId) {
        boolean had = unsubscribe(chatId);
        return deliveries.keySet().removeIf(k -> k.chatId() == chatId) || had;
    }

    synchronized void clear() {
        subscriptions.clear();
        places.clear();
        events.clear();
        deliveries.clear();
    }
}
