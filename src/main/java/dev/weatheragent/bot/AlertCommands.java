package dev.weatheragent.bot;

import dev.weatheragent.schedule.DailyTimes;
import dev.weatheragent.store.AlertSubscription;
import dev.weatheragent.store.SavedPlace;
import dev.weatheragent.store.SentAlert;
import dev.weatheragent.store.StoreUnavailableException;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /alerts on} starts weather alerts for the chat's home place (as it is now: a later {@code /home} does not
 * move them, {@code /alerts on} again does), {@code /alerts off} ends them, and {@code /alerts} shows whether they are
 * on and the last alert sent. The first check of the place follows at once, so a rain already on its way is told.
 */
final class AlertCommands implements CommandHandler {

    private static final DateTimeFormatter SENT = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT);

    private final Clock clock;

    AlertCommands(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Set<String> commands() {
        return Set.of("alerts");
    }

    @Override
    public String handle(String command, String args, Request r) {
        return switch (args.toLowerCase(Locale.ROOT)) {
            case "" -> show(r);
            case "on" -> on(r);
            case "off" -> off(r);
            default -> r.reply(r.t().get("alerts.usage"));
        };
    }

    private String on(Request r) {
        if (r.storeDown()) {
            return r.storeUnavailable();
        }
        if (r.settings().home().isEmpty()) {
            return r.reply(r.t().get("alerts.noHome"));
        }
        SavedPlace home = r.settings().home().get();
        AlertSubscription subscription = new AlertSubscription(r.chatId(), home, r.in().languageCode(), false);
        return r.save(() -> r.store().alerts().subscribe(subscription, clock.instant()),
                r.t().get("alerts.set", home.label()));
    }

    private String off(Request r) {
        if (r.storeDown()) {
            return r.storeUnavailable();
        }
        boolean had;
        try {
            had = r.store().alerts().unsubscribe(r.chatId());
        } catch (StoreUnavailableException e) {
            return r.storeUnavailable();
        }
        return had ? r.confirm(r.t().get("alerts.off")) : r.reply(r.t().get("alerts.offNone"));
    }

    private String show(Request r) {
        if (r.storeDown()) {
            return r.settingsUnreadable();
        }
        Optional<AlertSubscription> alerts;
        Optional<SentAlert> last;
        try {
            alerts = r.store().alerts().alerts(r.chatId());
            last = alerts.isPresent() ? r.store().alerts().lastSent(r.chatId()) : Optional.empty();
        } catch (StoreUnavailableException e) {
            return r.settingsUnreadable();
        }
        if (alerts.isEmpty()) {
            return r.reply(r.t().get("alerts.none", new Texts.Raw(r.t().get("alerts.usage"))));
        }
        AlertSubscription a = alerts.get();
        // The settings read resumed paused alerts before this command ran: the chat wrote, so it is reachable.
        String status = r.t().get(r.settings().alertsPaused() ? "alerts.paused" : "alerts.show", a.place().label());
        ZoneId zone = DailyTimes.zone(a.place().timezone());
        String lastLine = last.map(s -> r.t().get("alerts.last", SENT.withLocale(r.t().locale())
                .format(s.sentAt().atZone(zone)), new Texts.Raw(alertLine(s.html()))))
                .orElseGet(() -> r.t().get("alerts.lastNone"));
        return r.reply(status + "\n\n" + lastLine);
    }

    /** The alert without its footer, which tells how to end alerts: /alerts says that already. */
    private static String alertLine(String html) {
        int footer = html.indexOf("\n\n");
        return footer < 0 ? html : html.substring(0, footer);
    }
}
