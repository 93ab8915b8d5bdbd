package org.rapport.guidance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When the team works: the days and the daily opening hours in one time zone. A promise "by end of day" or
 * "within 3 business days" is only a date once it is read against these, so commitments are tracked as the
 * customer would understand them, not as the server's clock would.
 */
public record BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {

    /** Monday to Friday, 09:00 to 17:00, UTC: the default until a team sets its own. */
    public static final BusinessHours STANDARD = new BusinessHours(
            ZoneOffset.UTC, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));

    public BusinessHours {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("Business hours need at least one working day");
        }
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("Business hours must open before they close: " + opens + "–" + closes);
        }
        days = Set.copyOf(days);
    }

    public boolean isBusinessDay(LocalDate date) {
        return days.contains(date.getDayOfWeek());
    }

    public boolean isOpen(ZonedDateTime time) {
        ZonedDateTime local = time.withZoneSameInstant(zone);
        LocalTime t = local.toLocalTime();
        return isBusinessDay(local.toLocalDate()) && !t.isBefore(opens) && t.isBefore(closes);
    }

    /** The first business day strictly after {@code date}. */
    public LocalDate nextBusinessDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** Closing time on a given day, in this zone (whether or not the day is a working day). */
    public ZonedDateTime closeOf(LocalDate date) {
        return ZonedDateTime.of(date, closes, zone);
    }

    public ZonedDateTime openingOf(LocalDate date) {
        return ZonedDateTime.of(date, opens, zone);
    }

    /** {@code time} itself when open, otherwise the next moment the team opens. */
    public ZonedDateTime nextOpening(ZonedDateTime time) {
        ZonedDateTime local = time.withZoneSameInstant(zone);
        if (isOpen(local)) {
            return local;
        }
        LocalDate date = local.toLocalDate();
        if (isBusinessDay(date) && local.toLocalTime().isBefore(opens)) {
            return openingOf(date);
        }
        return openingOf(nextBusinessDay(date));
    }

    /** "End of day": today's close if still ahead on a working day, otherwise the next working day's close. */
    public ZonedDateTime endOfBusinessDay(ZonedDateTime time) {
        ZonedDateTime local = time.withZoneSameInstant(zone);
        LocalDate date = local.toLocalDate();
        if (isBusinessDay(date) && local.toLocalTime().isBefore(closes)) {
            return closeOf(date);
        }
        return closeOf(nextBusinessDay(date));
    }

    /**
     * The close of the n-th business day after the day of {@code time}; "within 5 business days" sent on a Friday
     * runs to the following Friday. With n = 0 this is {@link #endOfBusinessDay}.
     */
    public ZonedDateTime plusBusinessDays(ZonedDateTime time, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Business days must not be negative: " + n);
        }
        ZonedDateTime local = time.withZoneSameInstant(zone);
        if (n == 0) {
            return endOfBusinessDay(local);
        }
        LocalDate date = local.toLocalDate();
        for (int i = 0; i < n; i++) {
            date = nextBusinessDay(date);
        }
        return closeOf(date);
    }

    /** {@code time} plus an amount of working time, counted only while the team is open. */
    public ZonedDateTime plusBusinessTime(ZonedDateTime time, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Business time must not be negative: " + amount);
        }
        ZonedDateTime at = nextOpening(time);
        Duration left = amount;
        while (true) {
            Duration today = Duration.between(at, closeOf(at.toLocalDate()));
            if (left.compareTo(today) <= 0) {
                return at.plus(left);
            }
            left = left.minus(today);
            at = openingOf(nextBusinessDay(at.toLocalDate()));
        }
    }

    public ZonedDateTime plusBusinessHours(ZonedDateTime time, long hours) {
        return plusBusinessTime(time, Duration.ofHours(hours));
    }

    /** The last working day of the ISO week (Monday to Sunday) that contains {@code date}. */
    public LocalDate lastBusinessDayOfWeek(LocalDate date) {
        LocalDate day = date.with(DayOfWeek.SUNDAY);
        LocalDate monday = date.with(DayOfWeek.MONDAY);
        while (!day.isBefore(monday)) {
            if (isBusinessDay(day)) {
                return day;
            }
            day = day.minusDays(1);
        }
        return date.with(DayOfWeek.SUNDAY);
    }

    public LocalDate lastBusinessDayOfMonth(LocalDate date) {
        LocalDate day = date.withDayOfMonth(date.lengthOfMonth());
        while (!isBusinessDay(day) && day.getDayOfMonth() > 1) {
            day = day.minusDays(1);
        }
        return day;
    }
}
