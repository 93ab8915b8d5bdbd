package org.rapport.mail;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The parser with the configured limits. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    MailParser mailParser(MailLimits limits) {
        return new MailParser(limits);
    }
}
