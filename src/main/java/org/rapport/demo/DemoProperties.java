package org.rapport.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Whether to load the demo data, and how much of it. */
@ConfigurationProperties("rapport.demo")
record DemoProperties(
        boolean enabled,
        @DefaultValue("300") int customers,
        @DefaultValue("400") int tickets,
        @DefaultValue("7") long seed) {}
