package org.rapport.guidance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rapport.analysis.Span;

/**
 * Time expressions in replies, found and turned into instants. Agents write "by end of day", "within 3 working
 * days" or "on Friday morning"; a tracked commitment needs the moment the customer will hold us to, read against
 * the team's {@link BusinessHours}. Expressions tied to an event we cannot date ("within 7 days of receiving
 * them", "on your next bill", "the same day") are found but not resolved.
 */
public final class DueDates {

    private static final String WEEKDAY = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    private static final String MONTH = "(?:january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
    private static final String PART = "(?:morning|afternoon|evening|lunchtime|night)";
    private static final String CLOCK = "(?:\\d{1,2}(?:[:.]\\d{2})?\\s?(?:am|pm)|noon|midday|midnight)";
    private static final String NUMBER = "(?:\\d{1,4}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
            + "|twelve|fourteen|fifteen|twenty|thirty|forty[- ]eight|twenty[- ]four)";
    private static final String UNIT = "(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)";
    private static final String DATE = "(?:(?:the )?\\d{1,2}(?:st|nd|rd|th)(?: of " + MONTH + ")?|\\d{1,2} " + MONTH
            + "\\b|" + MONTH + " \\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?)";
    /** What a duration is counted from when it is not "now": "of receiving them", "after that". */
    private static final String ANCHOR =
            "(?: (?:of|after) (?:that|(?:the|your) \\w+|(?:us |you |it )?\\w+ing(?: (?:them|it|the \\w+))?))?";

    /** One piece of a time expression; neighbours separated only by spaces or commas join into one. */
    private static final Pattern ATOM = Pattern.compile(
            "\\b(?:"
                    // a day: "tomorrow morning", "by Friday", "on Friday next week", "next Tuesday"
                    + "(?:(?:by|on|before|until|till) )?(?:(?:the )?day after tomorrow|today|tonight|tomorrow|next-day"
                    + "|this (?:morning|afternoon|evening|week|month)|next (?:week|month)|the following (?:day|week)"
                    + "|the same day|(?:next |this |the following )?" + WEEKDAY + "(?: next week)?)(?: " + PART + ")?"
                    // the end of a period: "by end of day", "at the end of the current billing period (30 June)"
                    + "|(?:(?:by|before|at|until) )?(?:the )?end of (?:the |this |next |your )?(?:current )?"
                    + "(?:(?:working|business|billing) )?(?:day|week|month|period)(?: \\(" + DATE + "\\))?"
                    // a time of day: "by 6pm", "at 10:15", "before noon"
                    + "|(?:(?:by|before|at|until|till|from) )?" + CLOCK + "|(?:at|by|before|until) \\d{1,2}:\\d{2}"
                    // a window: "between 8 and 12"
                    + "|between \\d{1,2}(?:[:.]\\d{2})?\\s?(?:am|pm)? and \\d{1,2}(?:[:.]\\d{2})?\\s?(?:am|pm)?"
                    // a duration: "within 3 to 5 working days of it arriving", "in the next 10 minutes"
                    + "|(?:within|in|up to)(?: the next)? " + NUMBER + "(?: (?:to|-|or) " + NUMBER + ")?"
                    + "(?: (?:working|business|calendar))? " + UNIT + ANCHOR
                    + "|(?:within|in) (?:the|an|one) hour"
                    // a date: "on 31 May", "by 14/03", "on the 1st"
                    + "|(?:by|on|before|until|till|from) " + DATE
                    + "|on your next (?:bill|statement|invoice)"
                    + "|at the same time"
                    + "|at the latest"
                    + ")(?![\\w/]|'\\w)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern GAP = Pattern.compile("[ ,]*");
    /** The words a piece of a time expression can begin with (besides a number). */
    private static final Set<String> FIRST_WORDS = Set.of(
            "by",
            "on",
            "before",
            "until",
            "till",
            "the",
            "day",
            "today",
            "tonight",
            "tomorrow",
            "next",
            "this",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "end",
            "at",
            "from",
            "noon",
            "midday",
            "midnight",
            "between",
            "within",
            "in",
            "up");

    private DueDates() {}

    /**
     * The time expressions in a text, in order, each as written: "tomorrow, Friday, between 8am and 1pm" is one.
     * A lone "at the latest" is not one.
     */
    public static List<Span> expressions(String text) {
        List<Span> found = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Matcher m = ATOM.matcher(text);
        Matcher gap = GAP.matcher(text);
        int start = -1;
        int end = -1;
        int n = text.length();
        // Every piece starts with a word from a short list or a number; trying only there keeps this fast.
        for (int i = 0; i < n; i++) {
            if (!Character.isLetterOrDigit(text.charAt(i))
                    || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
                continue;
            }
            int wordEnd = i;
            while (wordEnd < n && Character.isLetter(text.charAt(wordEnd))) {
                wordEnd++;
            }
            if (!Character.isDigit(text.charAt(i))
                    && (wordEnd - i > 9
                            || !FIRST_WORDS.contains(text.substring(i, wordEnd).toLowerCase(Locale.ROOT)))) {
                i = wordEnd;
                continue;
            }
            if (!m.region(i, n).lookingAt()) {
                continue;
            }
            if (start >= 0 && gap.region(end, m.start()).matches()) {
                end = m.end();
            } else {
                add(found, text, start, end);
                start = m.start();
                end = m.end();
            }
            i = m.end() - 1;
        }
        add(found, text, start, end);
        return List.copyOf(found);
    }

    private static void add(List<Span> found, String text, int start, int end) {
        if (start >= 0 && !text.substring(start, end).equalsIgnoreCase("at the latest")) {
            found.add(new Span(start, end, text.substring(start, end)));
        }
    }

    /** Whether an expression is a span of time ("within 3 days") rather than a point ("on Friday"). */
    static boolean isDuration(String expression) {
        return DURATION.matcher(expression).find() || HOUR.matcher(expression).find();
    }

    // --- resolution ---------------------------------------------------------------------------------------

    private static final Pattern EVENT_RELATIVE = Pattern.compile(
            "\\b(?:minutes?|hours?|days?|weeks?|months?) (?:of|after) |same day|same time|next (?:bill|statement|invoice)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile(
            "\\b(?:within|in|up to)(?: the next)? (" + NUMBER + ")(?: (?:to|-|or) (" + NUMBER + "))?"
                    + "(?: (working|business|calendar))? (" + UNIT + ")\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HOUR =
            Pattern.compile("\\b(?:within|in) (?:the|an|one) hour\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern WINDOW = Pattern.compile(
            "between (\\d{1,2})(?:[:.](\\d{2}))?\\s?(am|pm)? and (\\d{1,2})(?:[:.](\\d{2}))?\\s?(am|pm)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOCK_TIME = Pattern.compile(
            "\\b(\\d{1,2})(?:[:.](\\d{2}))?\\s?(am|pm)\\b|\\b(?:at|by|before|until|till) (\\d{1,2}):(\\d{2})\\b"
                    + "|\\b(noon|midday|midnight)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DAY_PART = Pattern.compile("\\b" + PART + "\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEKDAY_NAME = Pattern.compile(
            "\\b(next |this |the following )?(" + WEEKDAY + ")( next week)?\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DAY_MONTH = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)?(?: of)? (" + MONTH + ")\\b|\\b(" + MONTH + ") (\\d{1,2})(?:st|nd|rd|th)?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMERIC_DATE =
            Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})(?:/(\\d{2,4}))?\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDINAL =
            Pattern.compile("\\bthe (\\d{1,2})(?:st|nd|rd|th)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DEADLINE_WORD =
            Pattern.compile("^(?:by|before|until|till)\\b", Pattern.CASE_INSENSITIVE);

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("a", 1),
            Map.entry("an", 1),
            Map.entry("one", 1),
            Map.entry("two", 2),
            Map.entry("three", 3),
            Map.entry("four", 4),
            Map.entry("five", 5),
            Map.entry("six", 6),
            Map.entry("seven", 7),
            Map.entry("eight", 8),
            Map.entry("nine", 9),
            Map.entry("ten", 10),
            Map.entry("eleven", 11),
            Map.entry("twelve", 12),
            Map.entry("fourteen", 14),
            Map.entry("fifteen", 15),
            Map.entry("twenty", 20),
            Map.entry("thirty", 30),
            Map.entry("twenty-four", 24),
            Map.entry("twenty four", 24),
            Map.entry("forty-eight", 48),
            Map.entry("forty eight", 48));

    /**
     * The moment a time expression means, for a reply sent at {@code sentAt}: a day without a time means its close
     * of business ("by Friday", "tomorrow"), "by end of day" means today's close or, after hours, the next working
     * day's, and "within N business days" counts working days only. Empty when the text is not a time expression
     * we can date.
     */
    public static Optional<Instant> resolve(String dueText, ZonedDateTime sentAt, BusinessHours hours) {
        if (dueText == null || dueText.isBlank() || sentAt == null) {
            return Optional.empty();
        }
        BusinessHours h = hours == null ? BusinessHours.STANDARD : hours;
        String text = Rules.plain(dueText).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
        ZonedDateTime now = sentAt.withZoneSameInstant(h.zone());
        if (EVENT_RELATIVE.matcher(text).find()) {
            return Optional.empty();
        }
        Matcher duration = DURATION.matcher(text);
        if (duration.find()) {
            return Optional.of(afterDuration(duration, now, h).toInstant());
        }
        if (HOUR.matcher(text).find()) {
            return Optional.of(now.plusHours(1).toInstant());
        }
        LocalTime clock = clock(text);
        LocalDate day = day(text, now, h);
        if (day == null) {
            if (text.contains("end of") && text.contains("day")) {
                return Optional.of(h.endOfBusinessDay(now).toInstant());
            }
            if (clock == null) {
                return Optional.empty();
            }
            // "by 3pm", "by 2am": the next time the clock shows it.
            ZonedDateTime at = ZonedDateTime.of(now.toLocalDate(), clock, h.zone());
            return Optional.of((at.isAfter(now) ? at : at.plusDays(1)).toInstant());
        }
        LocalTime time = clock != null ? clock : partOfDay(text);
        if (time == null) {
            if (text.contains("tonight")) {
                time = LocalTime.of(23, 59);
            } else if (day.equals(now.toLocalDate()) && !now.toLocalTime().isBefore(h.closes())) {
                // "today" said after closing still means today, before midnight.
                time = LocalTime.of(23, 59);
            } else {
                time = h.closes();
            }
        }
        return Optional.of(ZonedDateTime.of(day, time, h.zone()).toInstant());
    }

    private static ZonedDateTime afterDuration(Matcher m, ZonedDateTime now, BusinessHours h) {
        // "within 3 to 5 working days": the customer holds us to the upper bound.
        int amount = number(m.group(2) != null ? m.group(2) : m.group(1));
        boolean business = m.group(3) != null && !m.group(3).equalsIgnoreCase("calendar");
        String unit = m.group(4).toLowerCase(Locale.ROOT);
        if (unit.startsWith("min")) {
            return now.plusMinutes(amount);
        }
        if (unit.startsWith("h")) {
            return business ? h.plusBusinessHours(now, amount) : now.plusHours(amount);
        }
        if (unit.startsWith("d")) {
            return business ? h.plusBusinessDays(now, amount) : now.plusDays(amount);
        }
        if (unit.startsWith("w")) {
            return now.plusWeeks(amount);
        }
        return now.plusMonths(amount);
    }

    private static int number(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        Integer n = NUMBERS.get(w);
        return n != null ? n : Integer.parseInt(w);
    }

    /** The day an expression names, or null when it names none. */
    private static LocalDate day(String text, ZonedDateTime now, BusinessHours h) {
        LocalDate today = now.toLocalDate();
        LocalDate date = explicitDate(text, today);
        if (date != null) {
            return date;
        }
        if (text.contains("day after tomorrow")) {
            return today.plusDays(2);
        }
        if (text.contains("tomorrow") || text.contains("next-day") || text.contains("following day")) {
            return today.plusDays(1);
        }
        if (text.contains("today") || text.contains("tonight") || text.matches(".*\\bthis " + PART + ".*")) {
            return today;
        }
        Matcher weekday = WEEKDAY_NAME.matcher(text);
        if (weekday.find()) {
            DayOfWeek dow = DayOfWeek.valueOf(weekday.group(2).toUpperCase(Locale.ROOT));
            if ((weekday.group(1) != null && !weekday.group(1).startsWith("this")) || weekday.group(3) != null) {
                // "next Tuesday", "Friday next week": that day in the following week.
                return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .plusWeeks(1)
                        .with(TemporalAdjusters.nextOrSame(dow));
            }
            if (today.getDayOfWeek() == dow
                    && DEADLINE_WORD.matcher(text).find()
                    && now.toLocalTime().isBefore(h.closes())) {
                return today;
            }
            return today.with(TemporalAdjusters.next(dow));
        }
        boolean next = text.contains("next week") || text.contains("following week") || text.contains("next month");
        if (text.contains("week")) {
            LocalDate anchor = next ? today.plusWeeks(1) : today;
            LocalDate last = h.lastBusinessDayOfWeek(anchor);
            return last.isBefore(today) ? today : last;
        }
        if (text.contains("month")) {
            LocalDate anchor = next ? today.plusMonths(1) : today;
            LocalDate last = h.lastBusinessDayOfMonth(anchor);
            return last.isBefore(today) ? today : last;
        }
        return null;
    }

    private static LocalDate explicitDate(String text, LocalDate today) {
        Matcher m = DAY_MONTH.matcher(text);
        if (m.find()) {
            int dayOfMonth = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(4));
            int month = month(m.group(2) != null ? m.group(2) : m.group(3));
            return nextDate(today, month, dayOfMonth, null);
        }
        m = NUMERIC_DATE.matcher(text);
        if (m.find()) {
            // Day first, as written in Europe: 14/03 is the 14th of March.
            int dayOfMonth = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            Integer year = m.group(3) == null ? null : Integer.parseInt(m.group(3));
            if (year != null && year < 100) {
                year += 2000;
            }
            return month >= 1 && month <= 12 ? nextDate(today, month, dayOfMonth, year) : null;
        }
        m = ORDINAL.matcher(text);
        if (m.find()) {
            int dayOfMonth = Integer.parseInt(m.group(1));
            LocalDate month = today.withDayOfMonth(1);
            for (int i = 0; i < 13; i++, month = month.plusMonths(1)) {
                if (dayOfMonth <= month.lengthOfMonth()
                        && !month.withDayOfMonth(dayOfMonth).isBefore(today)) {
                    return month.withDayOfMonth(dayOfMonth);
                }
            }
        }
        return null;
    }

    private static LocalDate nextDate(LocalDate today, int month, int dayOfMonth, Integer year) {
        if (dayOfMonth < 1 || dayOfMonth > 31) {
            return null;
        }
        int y = year != null ? year : today.getYear();
        for (int i = 0; i < 8; i++, y++) {
            LocalDate first = LocalDate.of(y, month, 1);
            if (dayOfMonth <= first.lengthOfMonth()) {
                LocalDate date = first.withDayOfMonth(dayOfMonth);
                if (year != null || !date.isBefore(today)) {
                    return date;
                }
            }
        }
        return null;
    }

    private static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String[] months = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        for (int i = 0; i < months.length; i++) {
            if (n.startsWith(months[i])) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("Not a month: " + name);
    }

    /** The latest clock time written, the end of a window for "between 8 and 12", or null. */
    private static LocalTime clock(String text) {
        Matcher window = WINDOW.matcher(text);
        if (window.find()) {
            int hour = Integer.parseInt(window.group(4));
            int minute = window.group(5) == null ? 0 : Integer.parseInt(window.group(5));
            String half = window.group(6) != null ? window.group(6) : window.group(3);
            if (half != null) {
                hour = hour12(hour, half);
            } else if (hour < 8) {
                // "between 2 and 5" is an afternoon window.
                hour += 12;
            }
            return LocalTime.of(Math.min(hour, 23), Math.min(minute, 59));
        }
        LocalTime latest = null;
        Matcher m = CLOCK_TIME.matcher(text);
        while (m.find()) {
            LocalTime t;
            if (m.group(1) != null) {
                int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                t = LocalTime.of(hour12(Integer.parseInt(m.group(1)), m.group(3)), Math.min(minute, 59));
            } else if (m.group(4) != null) {
                t = LocalTime.of(
                        Math.min(Integer.parseInt(m.group(4)), 23), Math.min(Integer.parseInt(m.group(5)), 59));
            } else {
                t = m.group(6).equalsIgnoreCase("midnight") ? LocalTime.of(23, 59) : LocalTime.NOON;
            }
            latest = t;
        }
        return latest;
    }

    private static int hour12(int hour, String half) {
        int h = Math.min(hour, 12) % 12;
        return half.equalsIgnoreCase("pm") ? h + 12 : h;
    }

    private static LocalTime partOfDay(String text) {
        Matcher m = DAY_PART.matcher(text);
        if (!m.find()) {
            return null;
        }
        return switch (m.group().toLowerCase(Locale.ROOT)) {
            case "morning" -> LocalTime.NOON;
            case "lunchtime" -> LocalTime.of(13, 0);
            case "afternoon" -> LocalTime.of(17, 0);
            case "evening" -> LocalTime.of(21, 0);
            default -> LocalTime.of(23, 59);
        };
    }
}
