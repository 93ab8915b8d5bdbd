package org.rapport.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rapport.guidance.ReplyCheckerTests.ANGRY;
import static org.rapport.guidance.ReplyCheckerTests.POLICY;
import static org.rapport.guidance.ReplyCheckerTests.check;
import static org.rapport.guidance.ReplyCheckerTests.codes;
import static org.rapport.guidance.ReplyCheckerTests.only;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wording rules one sentence at a time: defensive and blaming phrases in their general forms and the
 * look-alikes that must stay unflagged, and refusals that offer nothing.
 */
class WordingRulesTests {

    @Test
    void defensivePhrasesAreFlaggedEachWithTheirSentence() {
        String draft = "Hi Ana,\n\nPlease calm down. As I already said, parcels are checked before dispatch."
                + " You should have reported the damage within 24 hours. That's not my department.\n\nTom";
        List<Finding> defensive = check(draft, ANGRY, Assessment.UNDETERMINED, PolicyLimits.NONE).stream()
                .filter(f -> f.code().equals("defensive_language"))
                .toList();
        assertThat(defensive)
                .extracting(f -> f.span().text())
                .containsExactly(
                        "Please calm down.",
                        "As I already said, parcels are checked before dispatch.",
                        "You should have reported the damage within 24 hours.",
                        "That's not my department.");
    }

    @Test
    void blameHindsightImpatienceAndTonePolicingAreFlaggedInTheirGeneralForms() {
        List<String> sentences = List.of(
                "You failed to enter the right postcode.",
                "Had you followed the setup guide, the printer would work.",
                "The fault was caused by user error.",
                "It's entirely your own mistake.",
                "You're simply wrong about the date.",
                "I've already explained how the refund works.",
                "For the third time, the warranty is one year.",
                "Let me remind you that returns close after 30 days.",
                "You have to understand that we are busy.",
                "That isn't our problem.",
                "No other customer has complained about this model.",
                "Shouting won't get your parcel here sooner.",
                "Rules are rules.",
                "With all due respect, the box was intact.",
                "I'm sorry you feel that way.",
                "As per our terms, refunds go to the original card.",
                "We cannot be held responsible for courier delays.",
                "The weather was beyond our control.",
                "You agreed to our cancellation terms when you booked.",
                "Our driver followed the correct procedure.",
                "Unfortunately, you selected the wrong size.");
        for (String sentence : sentences) {
            String draft = "Hi Ana,\n\n" + sentence + " I'll check the order and write by Friday.\n\nTom";
            assertThat(check(draft, ANGRY, Assessment.UNDETERMINED, PolicyLimits.NONE))
                    .as(sentence)
                    .filteredOn(f -> f.code().equals("defensive_language"))
                    .extracting(f -> f.span().text())
                    .containsExactly(sentence);
        }
    }

    @Test
    void reassuranceAndPlainFactsAreNotDefensive() {
        for (String sentence : List.of(
                "It wasn't your fault at all.",
                "I've already refunded the 40 euros.",
                "That is not our usual standard, and I'm sorry.",
                "You are right about the date.",
                "None of this was your fault.",
                "I don't think it's your fault.",
                "Please let me know if this is incorrect.",
                "There's no need to send it back.",
                "There's absolutely no need to apologise.",
                "In future, don't hesitate to contact us.",
                "Please note that from now on your invoices come by email.",
                "Unfortunately you were charged twice.",
                "You were charged incorrectly.",
                "I'm sorry this happened for the third time.",
                "You were supposed to receive a call from us.",
                "I'd advise against using the heater until the engineer has been.",
                "This usually happens when you have an older version of the app.",
                "I'm cancelling the charge now and you will see the refund in three days.",
                "At no point were you at fault.",
                "I've already told the warehouse to hold the parcel.",
                "The driver did not follow our procedure.")) {
            String draft = "Hi Ana,\n\n" + sentence + " I'll check the order and write by Friday.\n\nTom";
            assertThat(codes(check(draft, ANGRY, Assessment.JUSTIFIED, PolicyLimits.NONE)))
                    .as(sentence)
                    .doesNotContain("defensive_language");
        }
    }

    @Test
    void anExplanationWithCannotOrANegatedGuaranteeIsNeitherARefusalNorAGuarantee() {
        String draft = "Hi Ana,\n\nEstimated bills are issued when we cannot access the meter. We can't guarantee"
                + " a visit this week, so I've booked the first slot next Tuesday.\n\nTom";
        assertThat(codes(check(draft, ANGRY, Assessment.UNDETERMINED, PolicyLimits.NONE)))
                .doesNotContain("only_cannot", "absolute_guarantee");
        String refusal = "Hi Ana,\n\nWe cannot refund this order.\n\nTom";
        assertThat(codes(check(refusal, "I want a refund.", Assessment.UNDETERMINED, PolicyLimits.NONE)))
                .contains("only_cannot");
        String guarantee = "Hi Ana,\n\nI guarantee it will arrive on Friday.\n\nTom";
        assertThat(codes(check(guarantee, ANGRY, Assessment.UNDETERMINED, PolicyLimits.NONE)))
                .contains("absolute_guarantee");
    }

    @Test
    void sympathyAboutWhatShouldNotHaveHappenedIsNotDefensive() {
        String draft = "Hi Ana,\n\nI'm sorry, you shouldn't have had to chase us, and you should have been given"
                + " time to check the parcel. I'll call you tomorrow afternoon.\n\nTom";
        assertThat(codes(check(draft, ANGRY, Assessment.JUSTIFIED, PolicyLimits.NONE)))
                .doesNotContain("defensive_language");
    }

    @Test
    void onlySayingWhatWeCannotDoIsFlaggedWithTheMainRefusal() {
        String draft = "Hi,\n\nRefunds are only possible within 30 days. We cannot refund this item.\n\nIrina";
        List<Finding> findings = check(draft, "It stopped charging. I want a refund.", null, PolicyLimits.NONE);
        assertThat(only(findings, "only_cannot").span().text()).isEqualTo("We cannot refund this item.");
        assertThat(codes(findings)).contains("no_next_step");
    }

    @Test
    void refusalsInOtherWordsCountAsCannot() {
        for (String refusal : List.of(
                "We don't offer refunds on sale items.",
                "Your claim has been declined.",
                "The damage falls outside the warranty.",
                "We are not in a position to compensate you.",
                "That's not something we can do.")) {
            String draft = "Hi,\n\n" + refusal + "\n\nIrina";
            assertThat(codes(check(draft, "It broke. I want my money back.", null, PolicyLimits.NONE)))
                    .as(refusal)
                    .contains("only_cannot");
        }
    }

    @Test
    void aRefusalWithAnAlternativeIsFine() {
        String draft = "Hi,\n\nI'm sorry it stopped charging. A refund isn't possible after 30 days, but I can offer"
                + " a free repair; reply \"repair\" and I'll send a prepaid label the same day.\n\nIrina";
        assertThat(codes(check(draft, "It stopped charging. I want a refund.", null, POLICY)))
                .doesNotContain("only_cannot", "no_next_step", "promise_beyond_policy");
    }
}
