package org.rapport.guidance;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.TeamId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** When each team works: "within 3 business days" means that team's business days, in its time zone. */
@Service
public class BusinessCalendars {

    private final JdbcClient jdbc;
    private final BusinessHours fallback;

    BusinessCalendars(JdbcClient jdbc, GuidanceProperties properties) {
        this.jdbc = jdbc;
        this.fallback = hours(properties.zone(), properties.days(), properties.opens(), properties.closes());
    }

    public BusinessHours standard() {
        return fallback;
    }

    public BusinessHours of(TeamId team) {
        if (team == null) {
            return fallback;
        }
        return jdbc.sql("SELECT zone, days, opens, closes FROM guidance_business_hours WHERE team_id = ?")
                .param(team.value())
                .query((rs, i) -> hours(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getTime(3).toLocalTime(),
                        rs.getTime(4).toLocalTime()))
                .optional()
                .orElse(fallback);
    }

    @Transactional
    public BusinessHours set(TeamId team, String zone, String days, LocalTime opens, LocalTime closes) {
        BusinessHours hours = hours(zone, days, opens, closes);
        try {
            jdbc.sql("""
                            INSERT INTO guidance_business_hours (team_id, zone, days, opens, closes) VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (team_id) DO UPDATE SET zone = EXCLUDED.zone, days = EXCLUDED.days,
                              opens = EXCLUDED.opens, closes = EXCLUDED.closes""")
                    .params(
                            team.value(),
                            hours.zone().getId(),
                            hours.days().stream().map(DayOfWeek::name).sorted().collect(Collectors.joining(",")),
                            hours.opens(),
                            hours.closes())
                    .update();
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw new org.rapport.shared.NotFoundException("Team", team.value()); // the team does not exist
        }
        return hours;
    }

    static BusinessHours hours(String zone, String days, LocalTime opens, LocalTime closes) {
        ZoneId id;
        try {
            id = ZoneId.of(zone == null ? "" : zone.strip());
        } catch (java.time.DateTimeException e) {
            throw new InvalidValueException("zone", "not a time zone: " + zone + " (e.g. Europe/Berlin)");
        }
        Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        for (String day : (days == null ? "" : days).split("[,\\s]+")) {
            if (day.isBlank()) {
                continue;
            }
            String d = day.strip().toUpperCase(Locale.ROOT);
            set.add(Arrays.stream(DayOfWeek.values())
                    .filter(w -> w.name().equals(d) || w.name().startsWith(d) && d.length() >= 3)
                    .findFirst()
                    .orElseThrow(() -> new InvalidValueException("days", "not a weekday: " + day)));
        }
        if (set.isEmpty()) {
            throw new InvalidValueException("days", "at least one business day");
        }
        if (opens == null || closes == null || !opens.isBefore(closes)) {
            throw new InvalidValueException("closes", "business hours must open before they close");
        }
        return new BusinessHours(id, set, opens, closes);
    }
}
