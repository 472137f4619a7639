package dev.weatheragent.telegram;

import dev.weatheragent.telegram.TelegramTypes.BotCommand;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Publishes the command menus with {@code setMyCommands} on a thread of its own, so that polling does not wait for
 * them. A transient failure (unreachable, 429, 5xx) is retried with backoff until it succeeds or a stop is
 * requested; a menu Telegram refuses for good is logged and the next one is published.
 */
final class MenuPublisher {

    private static final System.Logger LOG = System.getLogger(MenuPublisher.class.getName());

    private final TelegramClient client;
    private final Backoff backoff;
    private final StopSignal stop;
    private volatile Thread thread;

    MenuPublisher(TelegramClient client, Backoff backoff, StopSignal stop) {
        this.client = client;
        this.backoff = backoff;
        this.stop = stop;
    }

    /** Starts publishing; the key of each menu is its language code, the empty key the default menu. */
    void start(Map<String, List<BotCommand>> menus) {
        thread = Thread.ofVirtual().name("telegram-menus").start(() -> publishAll(menus));
    }

    /** Ends a publication still retrying; a call in progress is abandoned. */
    void stop() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    private void publishAll(Map<String, List<BotCommand>> menus) {
        for (Map.Entry<String, List<BotCommand>> menu : menus.entrySet()) {
            String language = menu.getKey().isEmpty() ? null : menu.getKey();
            if (!publish(menu.getValue(), language)) {
                return;
            }
        }
        LOG.log(DEBUG, "published " + menus.size() + " command menus");
    }

    /** False when publishing should end: a stop, or a token Telegram no longer accepts. */
    private boolean publish(List<BotCommand> commands, String language) {
        String which = language == null ? "the default command menu" : "the command menu for " + language;
        while (!stop.isRequested()) {
            try {
                client.setMyCommands(commands, language);
                backoff.reset();
                return true;
            } catch (TelegramApiException e) {
                if (e.isTokenRejected()) {
                    LOG.log(ERROR, "could not publish " + which + ": Telegram rejected the token");
                    return false;
                }
                if (!e.isTransient()) {
                    LOG.log(ERROR, "Telegram refused " + which + "; it stays as it was: " + e.getMessage());
                    return true;
                }
                pause(backoff.after(e), "publishing " + which + " failed: " + e.getMessage());
            } catch (TelegramTransportException e) {
                if (stop.isRequested()) {
                    return false;
                }
                pause(backoff.next(), "publishing " + which + " failed: " + e.getMessage());
            }
        }
        LOG.log(INFO, which + " was not published before the stop");
        return false;
    }

    private void pause(Duration delay, String why) {
        LOG.log(stop.isRequested() ? DEBUG : WARNING, why + "; retrying in " + delay.toMillis() + " ms");
        stop.sleep(delay);
    }
}
