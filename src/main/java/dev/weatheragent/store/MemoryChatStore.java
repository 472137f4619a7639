package dev.weatheragent.store;

import dev.weatheragent.weather.Units;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Settings in this process only, for when there is nowhere to write (a read-only {@code DATA_DIR}) and for the
 * console: the same rules as the databases, forgotten at exit.
 */
public final class MemoryChatStore implements ChatStore {

    /** The settings kept without their places, which are in the map by name key. */
    private record Chat(ChatSettings settings, Map<String, NamedPlace> places) {
    }

    private static Map<String, NamedPlace> newPlaces() {
        return Collections.synchronizedMap(new LinkedHashMap<>());
    }

    private final Map<Long, Chat> chats = new ConcurrentHashMap<>();
    private final String detail;
    private final MemorySubscriptionStore subscriptions = new MemorySubscriptionStore(this::settings);
    private final MemoryAlertStore alerts = new MemoryAlertStore(this::settings);

    public MemoryChatStore(String detail) {
        this.detail = detail;
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    @Override
    public AlertStore alerts() {
        return alerts;
    }

    @Override
    public ChatSettings settings(long chatId) {
        Chat chat = chats.get(chatId);
        if (chat == null) {
            return ChatSettings.DEFAULTS;
        }
        ChatSettings s = chat.settings();
        // Asked before taking the places' lock: the subscriptions read settings while holding their own.
        boolean dailyPaused = subscriptions.daily(chatId).map(DailySubscription::paused).orElse(false);
        boolean alertsPaused = alerts.alerts(chatId).map(AlertSubscription::paused).orElse(false);
        synchronized (chat.places()) {
            return new ChatSettings(s.units(), s.language(), s.home(), new ArrayList<>(chat.places().values()), true,
                    dailyPaused, alertsPaused);
        }
    }

    @Override
    public void units(long chatId, Units units) {
        update(chatId, s -> new ChatSettings(units, s.language(), s.home(), List.of(), true));
    }

    @Override
    public void language(long chatId, Language language) {
        update(chatId, s -> new ChatSettings(s.units(), language, s.home(), List.of(), true));
    }

    @Override
    public void home(long chatId, SavedPlace place) {
        update(chatId, s -> new ChatSettings(s.units(), s.language(), Optional.of(place), List.of(), true));
    }

    private void update(long chatId, UnaryOperator<ChatSettings> change) {
        chats.compute(chatId, (id, chat) -> chat == null
                ? new Chat(change.apply(ChatSettings.DEFAULTS), newPlaces())
                : new Chat(change.apply(chat.settings()), chat.places()));
    }

    @Override
    public SaveOutcome savePlace(long chatId, String rawName, SavedPlace place) {
        String name = PlaceNames.checked(rawName);
        SaveOutcome[] outcome = new SaveOutcome[1];
        chats.compute(chatId, (id, chat) -> {
            Chat c = chat == null ? new Chat(ChatSettings.DEFAULTS, newPlaces()) : chat;
            String key = PlaceNames.key(name);
            if (c.places().containsKey(key)) {
                outcome[0] = SaveOutcome.REPLACED;
            } else if (c.places().size() >= MAX_PLACES) {
                outcome[0] = SaveOutcome.FULL;
                return c;
            } else {
                outcome[0] = SaveOutcome.SAVED;
            }
            c.places().put(key, new NamedPlace(name, place));
            return c;
        });
        return outcome[0];
    }

    @Override
    public boolean forgetPlace(long chatId, String name) {
        boolean[] removed = new boolean[1];
        chats.computeIfPresent(chatId, (id, chat) -> {
            removed[0] = chat.places().remove(PlaceNames.key(name)) != null;
            return chat;
        });
        return removed[0];
    }

    @Override
    public boolean forgetChat(long chatId) {
        boolean subscribed = subscriptions.forget(chatId);
        boolean alerted = alerts.forget(chatId);
        return chats.remove(chatId) != null || subscribed || alerted;
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public StoreStatus status() {
        return new StoreStatus("memory", true, false, detail);
    }

    @Override
    public void close() {
        chats.clear();
        subscriptions.clear();
        alerts.clear();
    }
}
