package org.rapport.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rapport.analysis.LexiconEmotionClassifier;

class ReplyCheckerTests {

    static final ReplyChecker CHECKER = new ReplyChecker(new LexiconEmotionClassifier());

    static final String ANGRY = "My order arrived smashed and nobody answers the phone. This is ridiculous!";
    static final PolicyLimits POLICY = new PolicyLimits(
            new BigDecimal("50"), 30, Set.of("refund", "replacement", "repair"), new BigDecimal("100"));

    static List<Finding> check(String draft, String customer, Assessment assessment, PolicyLimits limits) {
        List<Finding> findings = CHECKER.check(draft, customer, assessment, limits);
        for (Finding f : findings) {
            if (f.span() != null) {
                // Every quoted finding points at the exact words of the draft.
                assertThat(draft.substring(f.span().start(), f.span().end()))
                        .isEqualTo(f.span().text());
            }
            assertThat(f.severity()).isIn("high", "medium", "low");
            assertThat(f.explanation()).isNotBlank();
            assertThat(f.suggestion()).isNotBlank();
        }
        return findings;
    }

    static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    static Finding only(List<Finding> findings, String code) {
        List<Finding> of = findings.stream().filter(f -> f.code().equals(code)).toList();
        assertThat(of).as(code).hasSize(1);
        return of.getFirst();
    }

    @Test
    void aGoodReplyHasNoFindings() {
        String draft = """
                Hi Ana,

                I'm sorry your order arrived smashed, and that you couldn't get through on the phone. I'll send a \
                replacement today and it should reach you by Thursday.

                Best,
                Tom""";
        assertThat(check(draft, ANGRY, Assessment.UNDETERMINED, POLICY)).isEmpty();
    }

    @Test
    void anApologyForTheExperienceIsNotAnAdmissionOfFault() {
        String draft = "Hi Ana,\n\nI'm so sorry this has been so frustrating. I'll call you tomorrow before noon"
                + " with what the courier tells me.\n\nTom";
        assertThat(codes(check(draft, ANGRY, Assessment.NOT_JUSTIFIED, PolicyLimits.NONE)))
                .doesNotContain("admits_fault");
    }

    @Test
    void admittingFaultIsFlaggedUnlessTheComplaintIsJustified() {
        String draft = "Hi Ana,\n\nI'm sorry. Our courier clearly damaged your parcel, that's entirely our fault."
                + " A replacement leaves today and will be with you by Friday.\n\nTom";
        for (Assessment a : List.of(Assessment.UNDETERMINED, Assessment.PARTLY_JUSTIFIED, Assessment.NOT_JUSTIFIED)) {
            Finding f = only(check(draft, ANGRY, a, PolicyLimits.NONE), "admits_fault");
            assertThat(f.span().text()).startsWith("Our courier clearly damaged your parcel");
            assertThat(f.severity()).isEqualTo("high");
        }
        assertThat(codes(check(draft, ANGRY, Assessment.JUSTIFIED, PolicyLimits.NONE)))
                .doesNotContain("admits_fault");
    }

    @Test
    void acceptingLiabilityIsFlagged() {
        String draft = "Hi Ana,\n\nI'm sorry. We accept full liability for the damage and I'll send the claim form"
                + " today.\n\nTom";
        assertThat(codes(check(draft, ANGRY, null, PolicyLimits.NONE))).contains("admits_fault");
    }

    @Test
    void aRefundUpToTheLimitIsWithinPolicy() {
        String draft = "Hi Ana,\n\nI'm sorry about the smashed order. I've refunded 40 euros to your card; it will"
                + " show within 3 business days.\n\nTom";
        assertThat(codes(check(draft, ANGRY, Assessment.JUSTIFIED, POLICY))).doesNotContain("promise_beyond_policy");
    }

    @Test
    void aRefundAboveTheLimitIsBeyondPolicy() {
        String draft = "Hi Ana,\n\nI'm sorry about the smashed order. I've refunded 80 euros to your card; it will"
                + " show within 3 business days.\n\nTom";
        Finding f = only(check(draft, ANGRY, Assessment.JUSTIFIED, POLICY), "promise_beyond_policy");
        assertThat(f.span().text()).contains("80 euros");
        assertThat(f.explanation()).contains("80").contains("50");
        assertThat(f.suggestion()).contains("supervisor");
    }

    @Test
    void aLargerAmountIsWithinPolicyOnceASupervisorApprovesIt() {
        String draft = "Hi Ana,\n\nI'm sorry about the smashed order. The 80 euros is more than I can refund myself,"
                + " so I've asked my supervisor to approve it; you'll have her answer by tomorrow lunchtime.\n\nTom";
        assertThat(codes(check(draft, ANGRY, Assessment.JUSTIFIED, POLICY))).doesNotContain("promise_beyond_policy");
    }

    @Test
    void anAmountBelowTheRefundLimitButAboveTheSupervisorLimitNeedsApproval() {
        PolicyLimits generous =
                new PolicyLimits(new BigDecimal("300"), 30, Set.of("refund", "discount"), new BigDecimal("250"));
        String draft = "Hi Elena,\n\nYou're right, and I'm sorry. I've refunded the 299 to your PayPal; it will"
                + " arrive within 3 business days.\n\nTariq";
        assertThat(codes(check(draft, "Refund the 299 or I dispute it.", Assessment.JUSTIFIED, generous)))
                .contains("promise_beyond_policy");
    }

    @Test
    void aRemedyThePolicyDoesNotListIsBeyondIt() {
        String draft = "Hi Ana,\n\nI'm sorry about the smashed order. I've applied a 20% discount to your next"
                + " order.\n\nTom";
        Finding f = only(check(draft, ANGRY, Assessment.JUSTIFIED, POLICY), "promise_beyond_policy");
        assertThat(f.explanation()).contains("discount").contains("allowed: refund, repair, replacement");
    }

    @Test
    void accountCreditCanBeAllowedWithoutRefunds() {
        PolicyLimits creditOnly = new PolicyLimits(new BigDecimal("50"), 30, Set.of("credit"), new BigDecimal("100"));
        String credit = "Hi Ana,\n\nI'm sorry about the smashed order. I've credited 20 euros to your account, which"
                + " you'll see on your next bill.\n\nTom";
        String refund = "Hi Ana,\n\nI'm sorry about the smashed order. I've refunded 20 euros to your card; it will"
                + " show within 3 business days.\n\nTom";
        assertThat(codes(check(credit, ANGRY, Assessment.JUSTIFIED, creditOnly)))
                .doesNotContain("promise_beyond_policy");
        assertThat(only(check(refund, ANGRY, Assessment.JUSTIFIED, creditOnly), "promise_beyond_policy")
                        .explanation())
                .contains("a refund");
    }

    @Test
    void openEndedPaymentsAreBeyondPolicy() {
        String draft = "Dear Mr Castillo,\n\nI'm sorry. We will pay for all the damage to your car.\n\nHelena";
        assertThat(codes(check(draft, "You damaged my car in your car park.", Assessment.JUSTIFIED, POLICY)))
                .contains("promise_beyond_policy");
    }

    @Test
    void aRefundForAPurchaseOlderThanThePolicyAllowsIsBeyondIt() {
        String draft = "Hi,\n\nI'm sorry it stopped working. I've refunded the 45 euros to your card; it will be"
                + " there in 5 business days.\n\nIrina";
        String customer = "I bought the speaker two months ago and it's stopped charging. I want a refund.";
        Finding f = only(check(draft, customer, Assessment.UNDETERMINED, POLICY), "promise_beyond_policy");
        assertThat(f.explanation()).contains("60 days").contains("30 days");
    }

    @Test
    void withoutAPolicyNothingIsBeyondIt() {
        String draft = "Hi Ana,\n\nI'm sorry about the smashed order. I've refunded 800 euros and added a voucher"
                + " for 100 euros.\n\nTom";
        assertThat(codes(check(draft, ANGRY, Assessment.JUSTIFIED, PolicyLimits.NONE)))
                .doesNotContain("promise_beyond_policy");
        assertThat(codes(check(draft, ANGRY, Assessment.JUSTIFIED, null))).doesNotContain("promise_beyond_policy");
    }

    @Test
    void guaranteesAreFlagged() {
        for (String promise : List.of(
                "I guarantee it will be there on Friday.",
                "This will never happen again.",
                "Our chargers are 100% safe.",
                "You will definitely get the full amount back, no matter what.")) {
            String draft = "Hi Ana,\n\nI'm sorry about the smashed order. " + promise + "\n\nTom";
            Finding f = only(check(draft, ANGRY, Assessment.JUSTIFIED, PolicyLimits.NONE), "absolute_guarantee");
            assertThat(f.span().text()).isEqualTo(promise);
        }
    }

    @Test
    void aDiscountInPercentIsNotAGuarantee() {
        String draft = "Hi,\n\nStudents get 40% off the annual plan; the discount applies at checkout straight away."
                + "\n\nJonas";
        assertThat(codes(check(draft, "Do you offer student discounts?", null, null)))
                .doesNotContain("absolute_guarantee");
    }

    @Test
    void anUpsetCustomerNeedsEmpathyAndAStockPhraseIsFlaggedOnItsOwn() {
        String flat = "Hi Ana,\n\nThe parcel was handed to the courier on Monday. A replacement will be sent by"
                + " Friday.\n\nTom";
        assertThat(codes(check(flat, ANGRY, null, null))).contains("no_empathy");

        String stock = "Hi Ana,\n\nWe apologize for any inconvenience this may have caused. A replacement for the"
                + " smashed order will be sent by Friday.\n\nTom";
        List<Finding> findings = check(stock, ANGRY, null, null);
        assertThat(only(findings, "scripted_empathy").span().text())
                .isEqualTo("We apologize for any inconvenience this may have caused.");
        assertThat(codes(findings)).doesNotContain("no_empathy");
    }

    @Test
    void aNeutralQuestionNeedsNoEmpathy() {
        String draft = "Hi Ellie,\n\nThe blue jacket is back in stock on 18 November; you'll get an email the moment"
                + " it's available.\n\nRob";
        assertThat(codes(check(
                        draft, "Hi, will the blue rain jacket be back in stock before December? Thanks!", null, null)))
                .doesNotContain("no_empathy");
    }

    @Test
    void anUpsellInsteadOfAnAnswerDoesNotAcknowledgeTheProblem() {
        String draft = "Hi Nico,\n\nThanks for your message. Have you considered our Premium plan? It's only 5 euros"
                + " more per month.\n\nJo";
        assertThat(codes(check(draft, "Ordered two, got one, charged for two. Please fix.", null, null)))
                .contains("no_acknowledgement", "no_next_step");
    }

    @Test
    void aGenericReplyDoesNotAcknowledgeTheProblem() {
        String draft = "Hello,\n\nThank you for contacting us. We will respond within 3 to 5 business days.\n\nTeam";
        assertThat(codes(check(draft, ANGRY, null, null))).contains("no_acknowledgement");
    }

    @Test
    void aReplyThatTakesUpTheCustomersWordsAcknowledgesThem() {
        String draft = "Hi Ana,\n\nI'm sorry the order arrived smashed. I'll send a new one by Friday.\n\nTom";
        assertThat(codes(check(draft, ANGRY, null, null))).doesNotContain("no_acknowledgement");
    }

    @Test
    void aFutureActionWithoutATimeIsNoNextStep() {
        String draft = "Hi Ana,\n\nI'm sorry about the smashed order. We'll send you a new one.\n\nTom";
        Finding f = only(check(draft, ANGRY, null, null), "no_next_step");
        assertThat(f.span()).isNull();
        assertThat(f.explanation()).contains("We'll send you a new one");
    }

    @Test
    void eventTimingsAndCompletedActionsAreNextSteps() {
        for (String step : List.of(
                "I'll send a new one as soon as I have the photo.",
                "I've refunded the 30 euros.",
                "I have cancelled the order.")) {
            String draft = "Hi Ana,\n\nI'm sorry the order arrived smashed. " + step + "\n\nTom";
            assertThat(codes(check(draft, ANGRY, null, null))).as(step).doesNotContain("no_next_step");
        }
    }

    @Test
    void thanksAnsweredWithThanksNeedsNothingMore() {
        String draft = "Hi Priti,\n\nThat's lovely to hear, thank you! I'll pass it on to the engineers.\n\nCarlos";
        assertThat(check(draft, "Thanks for fixing the sync bug so quickly!", null, null))
                .isEmpty();
    }

    @Test
    void missingOrBlankInputsDoNotThrow() {
        assertThat(CHECKER.check(null, ANGRY, Assessment.JUSTIFIED, POLICY)).isEmpty();
        assertThat(CHECKER.check("  \n ", ANGRY, Assessment.JUSTIFIED, POLICY)).isEmpty();
        String draft = "Hi,\n\nWe apologize for any inconvenience. Please visit our website.\n\nTeam";
        List<Finding> unknownCustomer = check(draft, null, null, null);
        assertThat(codes(unknownCustomer))
                .contains("scripted_empathy", "no_next_step")
                .doesNotContain("no_acknowledgement", "no_empathy");
        assertThat(codes(check(draft, "   ", null, null))).doesNotContain("no_acknowledgement", "no_empathy");
    }

    @Test
    void typographicApostrophesAreReadLikePlainOnes() {
        String draft = "Hi Ana,\n\nI\u2019m sorry. That\u2019s not my department.\n\nTom";
        Finding f = only(check(draft, ANGRY, null, null), "defensive_language");
        assertThat(f.span().text()).isEqualTo("That\u2019s not my department.");
    }

    @Test
    void oneCheckerServesManyThreads() {
        List<String> drafts = List.of(
                "Hi Ana,\n\nPlease calm down. We cannot refund this.\n\nTom",
                "Hi Ana,\n\nI'm sorry the order arrived smashed. I've refunded 80 euros; it will show within 3"
                        + " business days.\n\nTom",
                "Hi Ana,\n\nWe apologize for any inconvenience. Have you considered our Premium plan?\n\nTom",
                "Hi Ana,\n\nOur courier lost it, that's our fault. I guarantee it will be there tomorrow.\n\nTom");
        List<List<Finding>> expected = drafts.stream()
                .map(d -> CHECKER.check(d, ANGRY, Assessment.UNDETERMINED, POLICY))
                .toList();
        IntStream.range(0, 400)
                .parallel()
                .forEach(i -> assertThat(
                                CHECKER.check(drafts.get(i % drafts.size()), ANGRY, Assessment.UNDETERMINED, POLICY))
                        .isEqualTo(expected.get(i % drafts.size())));
    }

    @Test
    void assessmentsParseTheirCodes() {
        assertThat(Assessment.parse("Partly_Justified")).isEqualTo(Assessment.PARTLY_JUSTIFIED);
        assertThat(Assessment.parse(null)).isEqualTo(Assessment.UNDETERMINED);
        assertThat(Assessment.NOT_JUSTIFIED.code()).isEqualTo("not_justified");
        assertThatThrownBy(() -> Assessment.parse("maybe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maybe")
                .hasMessageContaining("partly_justified");
    }

    @Test
    void mergedPoliciesAllowTheMostGenerousOfEach() {
        PolicyLimits a =
                new PolicyLimits(new BigDecimal("50"), 30, Set.of("refund", "Callback"), new BigDecimal("100"));
        PolicyLimits b = new PolicyLimits(new BigDecimal("200"), 14, Set.of("discount"), null);
        PolicyLimits merged = PolicyLimits.merge(List.of(a, b));
        assertThat(merged.refundMax()).isEqualByComparingTo("200");
        assertThat(merged.refundDays()).isEqualTo(30);
        assertThat(merged.supervisorAbove()).isNull();
        assertThat(merged.remedies()).containsExactlyInAnyOrder("refund", "callback", "discount");
        assertThat(PolicyLimits.merge(List.of())).isSameAs(PolicyLimits.NONE);
        assertThat(PolicyLimits.merge(null)).isSameAs(PolicyLimits.NONE);
    }
}
