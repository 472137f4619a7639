package dev.weatheragent.bot;

import dev.weatheragent.store.AlertSubscription;
import dev.weatheragent.store.ChatSettings;
import dev.weatheragent.store.DailySubscription;
import dev.weatheragent.store.Language;
import dev.weatheragent.store.NamedPlace;
import dev.weatheragent.store.StoreStatus;
import dev.weatheragent.store.StoreUnavailableException;
import dev.weatheragent.weather.Units;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code /units}, {@code /language}, {@code /settings} (all that is stored) and {@code /forget_me} (erase it). */
final class SettingsCommands implements CommandHandler {

    private final FreeTextHandler freeText;
    private final RecentLocations recent;
    private final SettingsKeyboard buttons;

    SettingsCommands(FreeTextHandler freeText, RecentLocations recent, SettingsKeyboard buttons) {
        this.freeText = freeText;
        this.recent = recent;
        this.buttons = buttons;
    }

    @Override
    public Set<String> commands() {
        return Set.of("units", "language", "settings", "forget_me");
    }

    @Override
    public String handle(String command, String args, Request r) {
        return switch (command) {
            case "units" -> units(args, r);
            case "language" -> language(args, r);
            case "settings" -> show(r);
            default -> forgetMe(r);
        };
    }

    private String units(String args, Request r) {
        Units chosen = switch (args.toLowerCase(Locale.ROOT)) {
            case "metric", "c", "°c", "si" -> Units.METRIC;
            case "imperial", "f", "°f", "us" -> Units.IMPERIAL;
            default -> null;
        };
        Texts t = r.t();
        if (chosen == null) {
            return r.reply(t.get("units.usage", t.get("units.name." + r.units())));
        }
        return r.save(() -> r.store().units(r.chatId(), chosen),
                t.get("units.set", t.get("units.name." + chosen), t.get("units.describe." + chosen)));
    }

    private String language(String args, Request r) {
        Optional<Language> chosen = args.isEmpty() ? Optional.empty() : Language.ofCode(args);
        if (chosen.isEmpty()) {
            return r.reply(r.t().get("language.usage", languageName(r.settings().language(), r)));
        }
        // Confirmed in the language chosen, so the user sees at once what they picked.
        Texts now = Texts.forLanguage(chosen.get().replyLanguage(r.in().languageCode()));
        Request answered = new Request(r.in(), r.settings(), r.storeDown(), now, r.out(), r.store());
        return answered.save(() -> r.store().language(r.chatId(), chosen.get()),
                now.get("language.set", languageName(chosen.get(), answered)));
    }

    private static String languageName(Language language, Request r) {
        return r.t().get("language.name." + language.code());
    }

    private String show(Request r) {
        Texts t = r.t();
        Optional<List<NamedPlace>> stored = r.places();
        if (stored.isEmpty()) {
            return r.settingsUnreadable();
        }
        List<NamedPlace> places = stored.get();
        Optional<DailySubscription> daily;
        Optional<AlertSubscription> alerts;
        try {
            daily = r.store().subscriptions().daily(r.chatId());
            alerts = r.store().alerts().alerts(r.chatId());
        } catch (StoreUnavailableException e) {
            return r.settingsUnreadable();
        }
        ChatSettings s = r.settings();
        StoreStatus status = r.store().status();
        String names = places.isEmpty() ? t.get("settings.noPlaces")
                : String.join(", ", places.stream().map(NamedPlace::name).toList());
        String html = t.get("settings.title") + "\n"
                + t.get("settings.units", t.get("units.name." + s.units())) + "\n"
                + t.get("settings.language", languageName(s.language(), r)) + "\n"
                + t.get("settings.home", s.home().map(h -> h.label()).orElseGet(() -> t.get("settings.noHome")))
                + "\n" + t.get("settings.places", places.size(), names) + "\n"
                + t.get("settings.daily", new Texts.Raw(daily.map(d -> t.get("settings.dailyItem", d.place().label(),
                d.time().toString())).orElseGet(() -> t.get("settings.noDaily")))) + "\n"
                + t.get("settings.alerts", new Texts.Raw(alerts.map(a -> t.get("settings.alertsOn",
                a.place().label())).orElseGet(() -> t.get("settings.alertsOff")))) + "\n\n"
                + t.get(status.durable() ? "settings.stored" : "settings.memoryOnly");
        return r.reply(html, buttons.keyboard(r.chatId(), s, daily, alerts, t));
    }

    private String forgetMe(Request r) {
        if (r.storeDown()) {
            return r.storeUnavailable();
        }
        boolean had;
        try {
            had = r.store().forgetChat(r.chatId());
        } catch (StoreUnavailableException e) {
            return r.storeUnavailable();
        }
        freeText.reset(r.chatId());
        recent.forget(r.chatId());
        return r.reply(r.t().get(had ? "forgetMe.done" : "forgetMe.nothing"), "forgotten");
    }
}
