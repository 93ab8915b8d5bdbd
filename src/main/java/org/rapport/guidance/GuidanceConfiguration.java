package org.rapport.guidance;

import org.rapport.analysis.LexiconEmotionClassifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reply checker and promise reader are built once: their rules compile at start. */
@Configuration(proxyBeanMethods = false)
class GuidanceConfiguration {

    @Bean
    ReplyChecker replyChecker(LexiconEmotionClassifier classifier) {
        return new ReplyChecker(classifier);
    }

    @Bean
    PromiseExtractor promiseExtractor() {
        return new PromiseExtractor();
    }
}
