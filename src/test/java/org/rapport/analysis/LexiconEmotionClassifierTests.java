package org.rapport.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexiconEmotionClassifierTests {

    static final LexiconEmotionClassifier CLASSIFIER = new LexiconEmotionClassifier();

    @Test
    void negationTurnsPraiseIntoComplaint() {
        assertThat(CLASSIFIER.analyse("I am happy with the service.", "en").valence())
                .isPositive();
        assertThat(CLASSIFIER.analyse("I am not happy with the service.", "en").valence())
                .isNegative();
    }

    @Test
    void ventingAtAThingIsNotAbuseButInsultingTheAgentIs() {
        Analysis venting = CLASSIFIER.analyse("This damn router is useless and I am fed up.", "en");
        assertThat(venting.abuse().present()).isFalse();
        assertThat(venting.angerLabel()).isNotEqualTo("none");

        String text = "You are an incompetent idiot.";
        Analysis insult = CLASSIFIER.analyse(text, "en");
        assertThat(insult.abuse().category()).isEqualTo("insult");
        assertThat(insult.abuse().target()).isEqualTo("agent");
        Cue cue = insult.cues().stream()
                .filter(c -> c.label().equals("abuse:insult"))
                .findFirst()
                .orElseThrow();
        assertThat(text.substring(cue.span().start(), cue.span().end()))
                .isEqualTo(cue.span().text());
    }

    @Test
    void aComplaintToTheRegulatorIsEscalationNotAThreat() {
        Analysis regulator =
                CLASSIFIER.analyse("If this is not fixed by Friday I will complain to the ombudsman.", "en");
        assertThat(regulator.escalation()).contains("regulator");
        assertThat(regulator.urgent()).isTrue();
        assertThat(regulator.abuse().present()).isFalse();

        Analysis threat = CLASSIFIER.analyse("I know where your office is. Watch yourself.", "en");
        assertThat(threat.abuse().category()).isEqualTo("threat");
        assertThat(threat.abuse().severity()).isEqualTo("high");
    }

    @Test
    void otherLanguagesAreMarkedNotAnalysedRatherThanScoredAsEnglish() {
        Analysis german = CLASSIFIER.analyse("Das ist eine Katastrophe, ich bin sehr wütend!", "de");
        assertThat(german.analysed()).isFalse();
        assertThat(german.valenceLabel()).isEqualTo("not analysed");
    }
}
