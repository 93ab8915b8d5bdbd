package org.rapport.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.rapport.analysis.Analysis;
import org.rapport.analysis.LanguageGate;
import org.rapport.analysis.LexiconEmotionClassifier;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Emotion, urgency, escalation and abuse of a text, with the words behind each finding. */
@RestController
class AnalysisController {

    record AnalysisRequest(
            @NotNull @Size(max = 20_000) String text,
            @Size(max = 10) String language) {}

    private final LexiconEmotionClassifier classifier;
    private final LanguageGate languages;

    AnalysisController(LexiconEmotionClassifier classifier, LanguageGate languages) {
        this.classifier = classifier;
        this.languages = languages;
    }

    @PostMapping("/api/v1/analysis")
    Analysis analyse(@Valid @RequestBody AnalysisRequest request) {
        Requests.caller();
        // Without a language given it is detected, so text in another language is never scored as English.
        String language = request.language() == null || request.language().isBlank()
                ? languages.detect(request.text())
                : request.language();
        return classifier.analyse(request.text(), language);
    }
}
