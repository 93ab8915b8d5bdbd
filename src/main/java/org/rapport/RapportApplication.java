package org.rapport;

import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Spring application; {@link Rapport} is the command line that starts it. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RapportApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
