package org.rapport.analysis;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One classifier for the application: the lexicons load once. */
@Configuration(proxyBeanMethods = false)
class AnalysisConfiguration {

    @Bean
    LexiconEmotionClassifier lexiconEmotionClassifier() {
        return new LexiconEmotionClassifier();
    }

    @Bean
    LanguageGate languageGate() {
        return new LanguageGate();
    }
}
