package dev.weatheragent.schedule;

import dev.weatheragent.store.AlertEvent;
import dev.weatheragent.weather.AlertKind;
import dev.weatheragent.weather.WeatherSpell;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which weather event a spell is, and whether it may be alerted now.
 * <p>
 * The rule for "one event, however long": a place keeps, per kind, the event last seen there and until when it was
 * seen or forecast to last. A spell that starts no later than {@link #GAP} after that end is the same event (its end
 * moves on), so a forecast whose start moves by an hour between checks, a spell that goes on for hours, and a short
 * break inside it stay one event with one key. Only a spell that starts after a gap of more than {@link #GAP} is a
 * new event, keyed by the instant it was first seen to start.
 * <p>
 * Quiet hours: from 22:00 to 07:00 at the place's local time (its zone's rules, so the change of clocks moves them
 * with the clock) only severe spells are alerted. The others are held, not dropped: the event stays open, and the
 * first check from 07:00 alerts it if it is still ahead or on (precipitation only while it has not started, as a
 * "rain is coming" message is worthless once it rains).
 */
public final class AlertEvents {

    /** Dry (or calm, frost-free…) for longer than this between two spells makes them two events. */
    public static final Duration GAP = Duration.ofHours(3);
    static final int QUIET_FROM = 22;
    static final int QUIET_UNTIL = 7;

    /** A spell to alert now, as the event it belongs to. */
    public record Due(WeatherSpell spell, AlertEvent event) {
    }

    /**
     * @param events the events to store: every spell seen, as the event it belongs to
     * @param due    the spells to alert now
     */
    public record Decision(List<AlertEvent> events, List<Due> due) {
    }

    private AlertEvents() {
    }

    /** What the spells seen at {@code now} mean, given the events last seen at the place. */
    public static Decision decide(Map<AlertKind, AlertEvent> known, List<WeatherSpell> spells, Instant now,
                                  ZoneId zone) {
        boolean quiet = quiet(now, zone);
        List<AlertEvent> events = new ArrayList<>();
        List<Due> due = new ArrayList<>();
        for (WeatherSpell spell : spells) {
            AlertEvent last = known.get(spell.kind());
            AlertEvent event;
            if (last != null && !spell.start().isAfter(last.until().plus(GAP))) {
                Instant until = spell.end().isAfter(last.until()) ? spell.end() : last.until();
                event = new AlertEvent(spell.kind(), last.key(), until);
            } else {
                event = new AlertEvent(spell.kind(), spell.start().toString(), spell.end());
            }
            events.add(event);
            boolean started = spell.kind() == AlertKind.PRECIPITATION && spell.ongoing();
            if (!started && (spell.severe() || !quiet)) {
                due.add(new Due(spell, event));
            }
        }
        return new Decision(events, due);
    }

    /** Whether {@code now} is in the place's quiet hours. */
    public static boolean quiet(Instant now, ZoneId zone) {
        int hour = now.atZone(zone).getHour();
        return hour >= QUIET_FROM || hour < QUIET_UNTIL;
    }
}
