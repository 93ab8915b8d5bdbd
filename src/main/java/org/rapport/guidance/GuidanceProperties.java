package org.rapport.guidance;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reply guidance ({@code rapport.guidance.*}): the business hours used for due dates where a team has none
 * of its own, and how often overdue promises are looked for.
 */
@ConfigurationProperties("rapport.guidance")
public record GuidanceProperties(
        @DefaultValue("UTC") String zone,

        @DefaultValue("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        String days,

        @DefaultValue("09:00") LocalTime opens,
        @DefaultValue("17:00") LocalTime closes) {}
