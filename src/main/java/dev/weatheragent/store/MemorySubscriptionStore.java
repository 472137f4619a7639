package dev.weatheragent.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/** Subscriptions in this process only, beside {@link MemoryChatStore}: the same rules, forgotten at exit. */
final class MemorySubscriptionStore implements SubscriptionStore {

    private record Key(long chatId, LocalDate date) {
    }

    private record Delivery(Instant dueAt, Instant claimedAt, boolean open) {
    }

    private record Kept(String body, Instant fetchedAt) {
    }

    private final LongFunction<ChatSettings> settings;
    private final Map<Long, DailySubscription> subscriptions = new HashMap<>();
    private final Map<Key, Delivery> deliveries = new HashMap<>();
    private final Map<String, Kept> forecasts = new HashMap<>();

    /** @param settings the chat's settings, for the units and language of its messages */
    MemorySubscriptionStore(LongFunction<ChatSettings> settings) {
        this.settings = settings;
    }

    @Override
    public synchronized Optional<DailySubscription> daily(long chatId) {
        return Optional.ofNullable(subscriptions.get(chatId));
    }

    @Override
    public synchronized void subscribe(DailySubscription s) {
        subscriptions.put(s.chatId(), new DailySubscription(s.chatId(), s.place(), s.time(), s.telegramLanguage(),
                false, s.nextDue()));
    }

    @Override
    public synchronized boolean unsubscribe(long chatId) {
        return subscriptions.remove(chatId) != null;
    }

    @Override
    public synchronized List<UpcomingDaily> upcoming(Instant after, Instant until) {
        return subscriptions.values().stream()
                .filter(s -> !s.paused() && s.nextDue().isAfter(after) && !s.nextDue().isAfter(until))
                .map(s -> new UpcomingDaily(s.place().latitude(), s.place().longitude(),
                        settings.apply(s.chatId()).units(), s.nextDue()))
                .toList();
    }

    @Override
    public synchronized List<DueDaily> due(Instant now, int limit) {
        return subscriptions.values().stream()
                .filter(s -> !s.paused() && !s.nextDue().isAfter(now))
                .sorted(Comparator.comparing(DailySubscription::nextDue))
                .limit(limit)
                .map(s -> {
                    ChatSettings chat = settings.apply(s.chatId());
                    return new DueDaily(s, chat.units(), chat.language().replyLanguage(s.telegramLanguage()));
                })
                .toList();
    }

    @Override
    public synchronized Set<Long> claim(List<DailyClaim> claims, String owner, Instant now) {
        Set<Long> claimed = new HashSet<>();
        for (DailyClaim claim : claims) {
            DailySubscription s = subscriptions.get(claim.chatId());
            if (s == null || s.paused() || !s.nextDue().equals(claim.was())) {
                continue;
            }
            subscriptions.put(s.chatId(), new DailySubscription(s.chatId(), s.place(), s.time(),
                    s.telegramLanguage(), false, claim.next()));
            if (claim.date().isPresent()
                    && deliveries.putIfAbsent(new Key(s.chatId(), claim.date().get()),
                    new Delivery(claim.dueAt(), now, true)) == null) {
                claimed.add(s.chatId());
            }
        }
        return claimed;
    }

    @Override
    public synchronized List<DailyDelivery> reclaim(Instant claimedBefore, String owner, Instant now, int limit) {
        List<DailyDelivery> taken = new ArrayList<>();
        for (Map.Entry<Key, Delivery> e : deliveries.entrySet()) {
            DailySubscription s = subscriptions.get(e.getKey().chatId());
            Delivery d = e.getValue();
            if (taken.size() < limit && d.open() && !d.claimedAt().isAfter(claimedBefore) && s != null
                    && !s.paused()) {
                e.setValue(new Delivery(d.dueAt(), now, true));
                ChatSettings chat = settings.apply(s.chatId());
                taken.add(new DailyDelivery(s.chatId(), e.getKey().date(), d.dueAt(), s.place(), chat.units(),
                        chat.language().replyLanguage(s.telegramLanguage())));
            }
        }
        return taken;
    }

    @Override
    public synchronized void finish(long chatId, LocalDate date, DeliveryOutcome outcome, Instant at) {
        deliveries.computeIfPresent(new Key(chatId, date), (k, d) -> new Delivery(d.dueAt(), d.claimedAt(), false));
    }

    @Override
    public synchronized void finishAll(List<FinishedDelivery> finished) {
        finished.forEach(f -> finish(f.chatId(), f.date(), f.outcome(), f.at()));
    }

    @Override
    public synchronized void releaseAll(List<DailyDelivery> unsent) {
        unsent.forEach(d -> release(d.chatId(), d.date()));
    }

    @Override
    public synchronized void release(long chatId, LocalDate date) {
        deliveries.computeIfPresent(new Key(chatId, date),
                (k, d) -> d.open() ? new Delivery(d.dueAt(), Instant.EPOCH, true) : d);
    }

    @Override
    public synchronized void pause(long chatId) {
        subscriptions.computeIfPresent(chatId, (id, s) -> new DailySubscription(id, s.place(), s.time(),
                s.telegramLanguage(), true, s.nextDue()));
    }

    @Override
    public synchronized boolean resume(long chatId) {
        DailySubscription s = subscriptions.get(chatId);
        if (s == null || !s.paused()) {
            return false;
        }
        subscriptions.put(chatId, new DailySubscription(chatId, s.place(), s.time(), s.telegramLanguage(), false,
                s.nextDue()));
        return true;
    }

    @Override
    public synchronized void keepForecasts(Map<String, String> bodies, Instant fetchedAt) {
        bodies.forEach((key, body) -> forecasts.put(key, new Kept(body, fetchedAt)));
    }

    @Override
    public synchronized Map<String, String> keptForecasts(Collection<String> keys, Instant since) {
        Map<String, String> found = new HashMap<>();
        for (String key : keys) {
            Kept kept = forecasts.get(key);
            if (kept != null && !kept.fetchedAt().isBefore(since)) {
                found.put(key, kept.body());
            }
        }
        return found;
    }

    @Override
    public synchronized int prune(Instant dueBefore, Instant fetchedBefore) {
        int before = deliveries.size() + forecasts.size();
        deliveries.values().removeIf(d -> d.dueAt().isBefore(dueBefore));
        forecasts.values().removeIf(k -> k.fetchedAt().isBefore(fetchedBefore));
        return before - deliveries.size() - forecasts.size();
    }

    /** Deletes the chat's subscription and deliveries; whether there was any. */
    synchronized boolean forget(long chatId) {
        boolean had = subscriptions.remove(chatId) != null;
        return deliveries.keySet().removeIf(k -> k.chatId() == chatId) || had;
    }

    synchronized void clear() {
        subscriptions.clear();
        deliveries.clear();
        forecasts.clear();
    }
}
