package org.rapport.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rapport.analysis.Span;

class DueDatesTests {

    static final BusinessHours HOURS = BusinessHours.STANDARD;
    /** Wednesday 11 March 2026, 10:00 UTC. */
    static final ZonedDateTime WEDNESDAY = ZonedDateTime.of(2026, 3, 11, 10, 0, 0, 0, ZoneOffset.UTC);

    static Instant at(String isoLocal) {
        return ZonedDateTime.parse(isoLocal + "Z[UTC]").toInstant();
    }

    static Optional<Instant> resolve(String text, ZonedDateTime sentAt) {
        return DueDates.resolve(text, sentAt, HOURS);
    }

    @Test
    void daysWithoutATimeMeanTheirCloseOfBusiness() {
        assertThat(resolve("today", WEDNESDAY)).contains(at("2026-03-11T17:00"));
        assertThat(resolve("tomorrow", WEDNESDAY)).contains(at("2026-03-12T17:00"));
        assertThat(resolve("by Friday", WEDNESDAY)).contains(at("2026-03-13T17:00"));
        assertThat(resolve("on Monday", WEDNESDAY)).contains(at("2026-03-16T17:00"));
        assertThat(resolve("by the end of the week", WEDNESDAY)).contains(at("2026-03-13T17:00"));
        assertThat(resolve("next week", WEDNESDAY)).contains(at("2026-03-20T17:00"));
        assertThat(resolve("end of next week", WEDNESDAY)).contains(at("2026-03-20T17:00"));
        assertThat(resolve("on Friday next week", WEDNESDAY)).contains(at("2026-03-20T17:00"));
    }

    @Test
    void timesOfDay() {
        assertThat(resolve("tomorrow before 11am", WEDNESDAY)).contains(at("2026-03-12T11:00"));
        assertThat(resolve("tomorrow morning", WEDNESDAY)).contains(at("2026-03-12T12:00"));
        assertThat(resolve("tomorrow afternoon", WEDNESDAY)).contains(at("2026-03-12T17:00"));
        assertThat(resolve("tomorrow between 8 and 12", WEDNESDAY)).contains(at("2026-03-12T12:00"));
        assertThat(resolve("today between 2pm and 5pm", WEDNESDAY)).contains(at("2026-03-11T17:00"));
        assertThat(resolve("tomorrow at 10:15", WEDNESDAY)).contains(at("2026-03-12T10:15"));
        assertThat(resolve("tonight", WEDNESDAY)).contains(at("2026-03-11T23:59"));
        assertThat(resolve("until 10pm tonight", WEDNESDAY)).contains(at("2026-03-11T22:00"));
        assertThat(resolve("this afternoon", WEDNESDAY)).contains(at("2026-03-11T17:00"));
    }

    @Test
    void aClockTimeAloneIsItsNextOccurrence() {
        assertThat(resolve("by 3pm", WEDNESDAY)).contains(at("2026-03-11T15:00"));
        assertThat(resolve("by 3pm", WEDNESDAY.withHour(16))).contains(at("2026-03-12T15:00"));
        assertThat(resolve("by 2am", WEDNESDAY)).contains(at("2026-03-12T02:00"));
    }

    @Test
    void endOfDayAfterHoursMeansTheNextWorkingDaysClose() {
        assertThat(resolve("by end of day", WEDNESDAY)).contains(at("2026-03-11T17:00"));
        assertThat(resolve("by end of day", WEDNESDAY.withHour(19))).contains(at("2026-03-12T17:00"));
        // Friday evening: the next working day is Monday.
        assertThat(resolve("by the end of the day", ZonedDateTime.parse("2026-03-13T18:30Z[UTC]")))
                .contains(at("2026-03-16T17:00"));
        // Saturday.
        assertThat(resolve("end of day", ZonedDateTime.parse("2026-03-14T10:00Z[UTC]")))
                .contains(at("2026-03-16T17:00"));
    }

    @Test
    void businessDaysSkipTheWeekend() {
        assertThat(resolve("within 5 business days", WEDNESDAY)).contains(at("2026-03-18T17:00"));
        // Thursday + 3 working days: Friday, Monday, Tuesday.
        assertThat(resolve("within 3 working days", ZonedDateTime.parse("2026-03-12T09:30Z[UTC]")))
                .contains(at("2026-03-17T17:00"));
        assertThat(resolve("within 3 to 5 working days", WEDNESDAY)).contains(at("2026-03-18T17:00"));
        assertThat(resolve("up to 10 working days", WEDNESDAY)).contains(at("2026-03-25T17:00"));
    }

    @Test
    void plainDurationsCountTheClock() {
        assertThat(resolve("within 48 hours", WEDNESDAY)).contains(at("2026-03-13T10:00"));
        assertThat(resolve("in 2 weeks", WEDNESDAY)).contains(at("2026-03-25T10:00"));
        assertThat(resolve("within the hour", WEDNESDAY)).contains(at("2026-03-11T11:00"));
        assertThat(resolve("in the next 15 minutes", WEDNESDAY)).contains(at("2026-03-11T10:15"));
        assertThat(resolve("within 10 days", WEDNESDAY)).contains(at("2026-03-21T10:00"));
    }

    @Test
    void calendarDates() {
        assertThat(resolve("by 14 March", WEDNESDAY)).contains(at("2026-03-14T17:00"));
        assertThat(resolve("by 14/03", WEDNESDAY)).contains(at("2026-03-14T17:00"));
        assertThat(resolve("on 31 May", WEDNESDAY)).contains(at("2026-05-31T17:00"));
        assertThat(resolve("on the 30th", WEDNESDAY)).contains(at("2026-03-30T17:00"));
        // Already past this year: next year's.
        assertThat(resolve("by 2 March", WEDNESDAY)).contains(at("2027-03-02T17:00"));
        assertThat(resolve("at the end of the current billing period (30 June)", WEDNESDAY))
                .contains(at("2026-06-30T17:00"));
    }

    @Test
    void expressionsTiedToAnEventOrWithoutADateAreNotResolved() {
        assertThat(resolve("within 3 working days of it arriving", WEDNESDAY)).isEmpty();
        assertThat(resolve("within 10 days of that", WEDNESDAY)).isEmpty();
        assertThat(resolve("on your next bill", WEDNESDAY)).isEmpty();
        assertThat(resolve("the same day", WEDNESDAY)).isEmpty();
        assertThat(resolve("as soon as possible", WEDNESDAY)).isEmpty();
        assertThat(resolve(null, WEDNESDAY)).isEmpty();
        assertThat(resolve("tomorrow", null)).isEmpty();
    }

    @Test
    void theTeamsTimeZoneDecides() {
        BusinessHours berlin = new BusinessHours(
                ZoneId.of("Europe/Berlin"),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(8, 0),
                LocalTime.of(18, 0));
        // 17:30 UTC is 18:30 in Berlin: after hours, so end of day is Thursday's close, 17:00 UTC.
        assertThat(DueDates.resolve("by end of day", WEDNESDAY.withHour(17).withMinute(30), berlin))
                .contains(at("2026-03-12T17:00"));
        assertThat(DueDates.resolve("tomorrow", WEDNESDAY, berlin)).contains(at("2026-03-12T17:00"));
    }

    @Test
    void businessHoursHelpers() {
        ZonedDateTime fridayEvening = ZonedDateTime.parse("2026-03-13T18:00Z[UTC]");
        assertThat(HOURS.nextOpening(fridayEvening)).isEqualTo(ZonedDateTime.parse("2026-03-16T09:00Z[UTC]"));
        assertThat(HOURS.nextOpening(WEDNESDAY)).isEqualTo(WEDNESDAY);
        assertThat(HOURS.isOpen(WEDNESDAY)).isTrue();
        assertThat(HOURS.isOpen(fridayEvening)).isFalse();
        // Friday 16:00 plus 3 working hours: one on Friday, two on Monday.
        assertThat(HOURS.plusBusinessHours(ZonedDateTime.parse("2026-03-13T16:00Z[UTC]"), 3))
                .isEqualTo(ZonedDateTime.parse("2026-03-16T11:00Z[UTC]"));
        assertThat(HOURS.plusBusinessDays(ZonedDateTime.parse("2026-03-13T16:00Z[UTC]"), 1))
                .isEqualTo(ZonedDateTime.parse("2026-03-16T17:00Z[UTC]"));
        assertThatThrownBy(() -> new BusinessHours(
                        ZoneOffset.UTC, EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(17, 0), LocalTime.of(9, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessHours(
                        ZoneOffset.UTC, EnumSet.noneOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expressionsAreFoundAsWritten() {
        String text = "I've booked an engineer for tomorrow, Friday, between 8am and 1pm. It will reach you within"
                + " 3 business days, so by Thursday at the latest. I'll stay for the next 20 minutes.";
        assertThat(DueDates.expressions(text))
                .extracting(Span::text)
                .containsExactly(
                        "tomorrow, Friday, between 8am and 1pm", "within 3 business days", "by Thursday at the latest");
        assertThat(DueDates.expressions("today's dispatch, the 6:00 flight, 7.90 euros"))
                .isEmpty();
    }
}
