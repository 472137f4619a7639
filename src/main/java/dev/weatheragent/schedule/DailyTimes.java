package dev.weatheragent.schedule;

import dev.weatheragent.store.DailyClaim;
import dev.weatheragent.store.DailySubscription;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * When a daily forecast at a local time of a place is due, by the place's time zone rules. On the day clocks move
 * forward a time in the gap (02:30 where 02:00 jumps to 03:00) is due at the first instant after the gap; on the day
 * they move back a time that occurs twice is due at its first occurrence only. Either way one instant per local date.
 */
public final class DailyTimes {

    /** A forecast found later than this after its time is skipped: a 07:30 forecast at 15:00 is noise. */
    public static final Duration LATE_LIMIT = Duration.ofHours(2);

    private DailyTimes() {
    }

    /** The instant the forecast of {@code date} is due. */
    public static Instant dueOn(LocalDate date, LocalTime time, ZoneId zone) {
        LocalDateTime local = date.atTime(time);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // In an overlap ZonedDateTime takes the earlier offset: the first time the clock shows that time.
        return ZonedDateTime.of(local, zone).toInstant();
    }

    /** The first due instant strictly after {@code now}: where a new subscription starts. */
    public static Instant firstAfter(Instant now, LocalTime time, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant due = dueOn(today, time, zone);
        return due.isAfter(now) ? due : dueOn(today.plusDays(1), time, zone);
    }

    /**
     * What to do with a subscription due at {@code now}: deliver the forecast of the latest local date whose time
     * has come, unless that time is more than {@link #LATE_LIMIT} ago (the bot was down), and move on to the next
     * date either way.
     */
    public static DailyClaim decide(DailySubscription subscription, Instant now) {
        ZoneId zone = zone(subscription.place().timezone());
        LocalTime time = subscription.time();
        LocalDate date = LocalDate.ofInstant(now, zone);
        Instant due = dueOn(date, time, zone);
        if (due.isAfter(now)) {
            date = date.minusDays(1);
            due = dueOn(date, time, zone);
        }
        Instant next = dueOn(date.plusDays(1), time, zone);
        boolean inTime = !Duration.between(due, now).minus(LATE_LIMIT).isPositive()
                && !due.isBefore(subscription.nextDue());
        return new DailyClaim(subscription.chatId(), subscription.nextDue(), next,
                inTime ? Optional.of(date) : Optional.empty(), due);
    }

    /** The stored IANA zone; UTC if this JVM does not know it (an older tzdata than Open-Meteo's). */
    public static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
