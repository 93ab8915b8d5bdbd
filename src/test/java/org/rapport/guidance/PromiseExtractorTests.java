package org.rapport.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromiseExtractorTests {

    static final PromiseExtractor EXTRACTOR = new PromiseExtractor();

    /** kind | due | quote, for readable assertions. */
    static List<String> promises(String draft) {
        return EXTRACTOR.extract(draft).stream()
                .map(p -> {
                    // Spans index the draft as given.
                    assertThat(draft.substring(p.quote().start(), p.quote().end()))
                            .isEqualTo(p.quote().text());
                    if (p.due() != null) {
                        assertThat(p.due().start())
                                .isBetween(p.quote().start(), p.quote().end());
                        assertThat(draft.substring(p.due().start(), p.due().end()))
                                .isEqualTo(p.due().text());
                    }
                    assertThat(Promise.KINDS).contains(p.kind());
                    return p.kind() + " | " + (p.due() == null ? "-" : p.due().text()) + " | "
                            + p.quote().text();
                })
                .toList();
    }

    @Test
    void aCallbackWithItsTime() {
        assertThat(promises("Hi Sam,\n\nI'll call you tomorrow before 11am to go through the bill.\n\nClara"))
                .containsExactly(
                        "callback | tomorrow before 11am | I'll call you tomorrow before 11am to go through the bill");
    }

    @Test
    void anOutcomeWeStandBehind() {
        assertThat(promises("Your refund of 30 euros will reach your account within 5 business days."))
                .containsExactly("refund | within 5 business days | Your refund of 30 euros will reach your account"
                        + " within 5 business days");
    }

    @Test
    void moneySentIsAPromiseUntilItArrivesButAFinishedActionIsNot() {
        assertThat(promises("I've refunded the 20 euros. I've cancelled your subscription. I've reset your password."))
                .containsExactly("refund | - | I've refunded the 20 euros");
    }

    @Test
    void anActionUnderWayAndItsOutcomeAreOnePromise() {
        assertThat(promises("I've sent a new charger by courier; it should arrive by Thursday."))
                .containsExactly("shipment | by Thursday | I've sent a new charger by courier; it should arrive by"
                        + " Thursday");
    }

    @Test
    void twoActionsInOneSentenceAreTwoPromises() {
        assertThat(promises("The engineer will visit on Monday between 8 and 12, and I'll email you the report by"
                        + " Wednesday."))
                .containsExactly(
                        "repair | on Monday between 8 and 12 | The engineer will visit on Monday between 8 and 12",
                        "other | by Wednesday | I'll email you the report by Wednesday");
    }

    @Test
    void conditionalPromisesCount() {
        assertThat(promises("If the parcel hasn't arrived by Friday, I'll send a replacement straight away."))
                .containsExactly("replacement | by Friday | If the parcel hasn't arrived by Friday, I'll send a"
                        + " replacement straight away");
    }

    @Test
    void aPromiseAfterTheCustomersStepKeepsItsOwnKind() {
        assertThat(promises("Reply \"confirm\" and the new boarding pass will be emailed to you immediately."))
                .containsExactly("other | - | Reply \"confirm\" and the new boarding pass will be emailed to you"
                        + " immediately");
    }

    @Test
    void eventTimingHasNoDue() {
        assertThat(promises("I'll email you as soon as it's back in stock."))
                .containsExactly("follow_up | - | I'll email you as soon as it's back in stock");
    }

    @Test
    void durationsAreNotDueDates() {
        assertThat(promises("I'll stay on this chat for the next 20 minutes."))
                .containsExactly("other | - | I'll stay on this chat for the next 20 minutes");
    }

    @Test
    void refusalsQuestionsAndVagueIntentionsAreNotPromises() {
        assertThat(promises("""
                We won't be able to refund this.
                Shall I call you tomorrow?
                The billing team will look into it.
                You should have read the terms.
                If you continue, this conversation will be closed.""")).isEmpty();
    }

    @Test
    void theRightKind() {
        assertThat(promises("""
                Our fraud team will call you within 48 hours.
                A replacement lid is on its way by post today and should reach you within 3 working days.
                The technician will fix the boiler tomorrow morning.
                The new card will arrive by post within 5 working days.
                I'll get back to you by Friday with the outcome.
                The 400 euros will be paid within 7 days of the decision.
                Your corrected bill will be sent by end of day tomorrow."""))
                .extracting(p -> p.substring(0, p.indexOf(" |")))
                .containsExactly("callback", "replacement", "repair", "shipment", "follow_up", "refund", "other");
    }

    @Test
    void aHedgedTimeGivesWayToTheCommittedOne() {
        assertThat(promises("Drop it at any post office and I'll send the new size out the same day we see it"
                        + " scanned, usually within 24 hours."))
                .singleElement()
                .asString()
                .contains("| the same day |");
    }

    @Test
    void nothingInNothingOut() {
        assertThat(EXTRACTOR.extract(null)).isEmpty();
        assertThat(EXTRACTOR.extract("")).isEmpty();
        assertThat(EXTRACTOR.extract("Kind regards,\nTom")).isEmpty();
    }
}
