package dev.weatheragent.bot;

import dev.weatheragent.store.ChatSettings;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.NamedPlace;
import dev.weatheragent.store.StoreUnavailableException;
import dev.weatheragent.weather.Units;

import java.util.List;
import java.util.Optional;

/**
 * One message being answered: what came in, the chat's stored settings (read once per message), the texts in the
 * chat's language and where the reply goes.
 *
 * @param storeDown the settings could not be read: {@code settings} are the defaults, and nothing can be saved
 */
record Request(Incoming in, ChatSettings settings, boolean storeDown, Texts t, Replier out, ChatStore store) {

    long chatId() {
        return in.chatId();
    }

    Units units() {
        return settings.units();
    }

    /** The same request answered somewhere else. */
    Request withReplier(Replier replier) {
        return new Request(in, settings, storeDown, t, replier, store);
    }

    /** The same request with the settings read again, as a change just stored them (the language may be new). */
    Request reread() {
        try {
            ChatSettings now = store.settings(in.chatId());
            return new Request(in, now, false, Texts.forLanguage(now.language().replyLanguage(in.languageCode())),
                    out, store);
        } catch (StoreUnavailableException e) {
            return new Request(in, settings, true, t, out, store);
        }
    }

    /** Sends the reply; the outcome for the log line. */
    String reply(String html) {
        return out.reply(html) ? "answered" : "undelivered";
    }

    /** Sends the reply with buttons under it; the outcome for the log line. */
    String reply(String html, Keyboard buttons) {
        return out.reply(html, buttons) ? "answered" : "undelivered";
    }

    /** Replies with {@code outcome} when delivered. */
    String reply(String html, String outcome) {
        return out.reply(html) ? outcome : "undelivered";
    }

    /**
     * Stores a change and only then confirms it; when the database is down, says that nothing was saved.
     */
    String save(Runnable write, String confirmationHtml) {
        try {
            write.run();
        } catch (StoreUnavailableException e) {
            return storeUnavailable();
        }
        return confirm(confirmationHtml);
    }

    /** Confirms a stored change; in memory-only mode, says that it lasts until the bot restarts. */
    String confirm(String html) {
        return reply(store.durable() ? html : html + "\n\n" + t.get("store.memoryOnly"), "saved");
    }

    /** Says that settings cannot be saved right now, and that weather commands with a place work. */
    String storeUnavailable() {
        return reply(t.get("store.unavailable"), "store-unavailable");
    }

    /** Says that the chat's saved settings cannot be read right now, and to name a place instead. */
    String settingsUnreadable() {
        return reply(t.get("store.noSettings"), "store-unavailable");
    }

    /** The chat's named places; empty when the store cannot be read. */
    Optional<List<NamedPlace>> places() {
        return storeDown ? Optional.empty() : Optional.of(settings.places());
    }
}
