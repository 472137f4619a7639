package dev.weatheragent.bot;

import dev.weatheragent.schedule.DailyTimes;
import dev.weatheragent.store.DailySubscription;
import dev.weatheragent.store.NamedPlace;
import dev.weatheragent.store.SavedPlace;
import dev.weatheragent.store.StoreUnavailableException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /daily HH:MM [name]} subscribes the chat to a forecast every day at that local time of its home (or of a
 * saved place), {@code /daily} shows the subscription and {@code /daily off} ends it. The time is 24-hour, with a
 * colon or a dot and an optional leading zero ({@code 7:30}, {@code 07:30}, {@code 7.30}); a bare hour is refused, as
 * "7" next to a place name reads as easily as part of the name.
 */
final class DailyCommands implements CommandHandler {

    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3])[:.]([0-5]\\d)");

    private final Clock clock;

    DailyCommands(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Set<String> commands() {
        return Set.of("daily");
    }

    @Override
    public String handle(String command, String args, Request r) {
        if (args.isEmpty()) {
            return show(r);
        }
        if (args.equalsIgnoreCase("off")) {
            return off(r);
        }
        int space = args.indexOf(' ');
        String timeText = space < 0 ? args : args.substring(0, space);
        String name = space < 0 ? "" : args.substring(space + 1).strip();
        Optional<LocalTime> time = parse(timeText);
        if (time.isEmpty()) {
            return r.reply(r.t().get("daily.badTime", timeText) + "\n" + r.t().get("daily.usage"));
        }
        if (r.storeDown()) {
            return r.settingsUnreadable();
        }
        SavedPlace place;
        if (name.isEmpty()) {
            if (r.settings().home().isEmpty()) {
                return r.reply(r.t().get("daily.noHome"));
            }
            place = r.settings().home().get();
        } else {
            Optional<NamedPlace> saved = r.settings().place(name);
            if (saved.isEmpty()) {
                return r.reply(r.t().get("daily.noPlace", name));
            }
            place = saved.get().place();
        }
        return subscribe(r, place, time.get());
    }

    /** The time as typed, if it is one this command accepts. */
    static Optional<LocalTime> parse(String text) {
        Matcher m = TIME.matcher(text.strip());
        return m.matches() ? Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    private String subscribe(Request r, SavedPlace place, LocalTime time) {
        ZoneId zone = DailyTimes.zone(place.timezone());
        Instant now = clock.instant();
        Instant first = DailyTimes.firstAfter(now, time, zone);
        DailySubscription subscription = new DailySubscription(r.chatId(), place, time, r.in().languageCode(), false,
                first);
        boolean today = LocalDate.ofInstant(first, zone).equals(LocalDate.ofInstant(now, zone));
        return r.save(() -> r.store().subscriptions().subscribe(subscription), r.t().get("daily.set", time.toString(),
                zone.getId(), place.label(), r.t().get(today ? "daily.first.today" : "daily.first.tomorrow")));
    }

    private String show(Request r) {
        if (r.storeDown()) {
            return r.settingsUnreadable();
        }
        Optional<DailySubscription> daily;
        try {
            daily = r.store().subscriptions().daily(r.chatId());
        } catch (StoreUnavailableException e) {
            return r.settingsUnreadable();
        }
        if (daily.isEmpty()) {
            return r.reply(r.t().get("daily.none", new Texts.Raw(r.t().get("daily.usage"))));
        }
        DailySubscription d = daily.get();
        return r.reply(r.t().get("daily.show", d.place().label(), d.time().toString(), d.place().timezone()));
    }

    private String off(Request r) {
        if (r.storeDown()) {
            return r.storeUnavailable();
        }
        boolean had;
        try {
            had = r.store().subscriptions().unsubscribe(r.chatId());
        } catch (StoreUnavailableException e) {
            return r.storeUnavailable();
        }
        return had ? r.confirm(r.t().get("daily.off")) : r.reply(r.t().get("daily.offNone"));
    }
}
