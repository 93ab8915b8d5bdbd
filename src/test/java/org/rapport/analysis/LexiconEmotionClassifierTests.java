package org.rapport.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    void veiledThreatsDoxxingAndInsultsAtAnyRoleAreAbuseButTheirLookAlikesAreNot() {
        for (String abusive : List.of(
                "You are the most useless idiot I have ever spoken to.",
                "Your installer is a brain-dead moron.",
                "Thieving bastards, all of you.",
                "If he comes back tomorrow he won't be driving off in one piece.",
                "I'll be waiting for him outside.",
                "Keep ignoring my emails and see what happens.",
                "I've found her Facebook and her street.")) {
            assertThat(CLASSIFIER.analyse(abusive, "en").abuse().present())
                    .as(abusive)
                    .isTrue();
        }
        for (String fine : List.of(
                "I doubt the vase won't arrive in one piece, it was packed well.",
                "I'll be waiting for your reply.",
                "I'll keep an eye on it and see what happens.",
                "I found your home page confusing.")) {
            assertThat(CLASSIFIER.analyse(fine, "en").abuse().present())
                    .as(fine)
                    .isFalse();
        }
    }

    @Test
    void helplessnessAndFearForSafetyAreWorry() {
        for (String worried : List.of(
                "I'm shaking, there are payments I don't recognise on my account.",
                "What are we supposed to do tonight with two kids?",
                "We don't know where to turn.",
                "My mother can no longer access her own money.",
                "My insurance lapses at midnight.",
                "There is a smell of gas outside.",
                "This could have killed her.",
                "I just can't cope with this any more.",
                "If the deposit doesn't come back we will be evicted.",
                "This will wreck my credit score.",
                "There was a suspicious login on my account last night.",
                "What happens to my photos if the account closes?")) {
            assertThat(CLASSIFIER.analyse(worried, "en").worry()).as(worried).isPositive();
        }
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

    @Test
    void everySpanIsExactlyTheTextItPointsAtWhateverTheCharacters() {
        String text = "Hi,\r\nThis is the THIRD time I’m writing!! 😡😡 Your driver called me a stupid cow, "
                + "and your ‘premium’ support is a joke. I'll post a one-star review, call my lawyer and "
                + "dispute the charge with my bank by Friday. F***ing hell. You are an incompetent idiot. "
                + "[SLUR] Thanks for nothing.";
        Analysis analysis = CLASSIFIER.analyse(text, "en");
        assertThat(analysis.cues()).hasSizeGreaterThan(10);
        for (Cue cue : analysis.cues()) {
            assertThat(text.substring(cue.span().start(), cue.span().end()))
                    .as(cue.label())
                    .isEqualTo(cue.span().text());
        }
        assertThat(analysis.cues())
                .extracting(c -> c.label() + "=" + c.span().text())
                .contains(
                        "urgency=THIRD time I’m writing",
                        "anger:strong=😡",
                        "anger=a joke",
                        "escalation:public_review=one-star",
                        "escalation:legal=lawyer",
                        "escalation:chargeback=dispute the charge",
                        "urgency=by Friday",
                        "anger:profanity=F***ing",
                        "abuse:insult=You are an incompetent idiot",
                        "abuse:slur=[SLUR]",
                        "sarcasm=Thanks for nothing");
        assertThat(analysis.cues()).extracting(c -> c.span().start()).isSorted();
    }

    @Test
    void aFiveHundredCharacterMessageIsReadWholeWithItsSpans() {
        String text = "My router has been down since Monday and nobody has replied to my emails. ".repeat(5)
                + "This is the fourth time I'm writing. I'm fuming, and I will take you to court. "
                + "Please sort it out today. ".repeat(3);
        assertThat(text.length()).isGreaterThanOrEqualTo(500);

        Analysis analysis = CLASSIFIER.analyse(text, "en");
        assertThat(analysis.urgent()).isTrue();
        assertThat(analysis.escalation()).containsExactly("legal");
        assertThat(analysis.angerLabel()).isEqualTo("high");
        assertThat(analysis.valenceLabel()).isEqualTo("negative");
        Cue last = analysis.cues().getLast();
        assertThat(last.span().text()).isEqualTo("today");
        assertThat(last.span().end()).isEqualTo(text.lastIndexOf("today") + "today".length());
        for (Cue cue : analysis.cues()) {
            assertThat(text.substring(cue.span().start(), cue.span().end()))
                    .isEqualTo(cue.span().text());
        }
    }

    @Test
    void aNegationJustBeforeACueCancelsIt() {
        assertThat(CLASSIFIER
                        .analyse("Not urgent, but could you check my bill?", "en")
                        .urgent())
                .isFalse();
        assertThat(CLASSIFIER
                        .analyse("This is urgent, could you check my bill?", "en")
                        .urgent())
                .isTrue();
        assertThat(CLASSIFIER.analyse("I'm not angry, just puzzled.", "en").cues())
                .noneMatch(c -> c.label().startsWith("anger"));
        assertThat(CLASSIFIER.analyse("I'm not really worried about it.", "en").worry())
                .isZero();
        // A negation reaches into its own clause only: "doesn't" does not turn "shame" into praise.
        assertThat(CLASSIFIER.analyse("The lamp doesn't work. Shame.", "en").valenceLabel())
                .isEqualTo("negative");
    }

    @Test
    void capitalsAmongSmallLettersAreShoutingButAllCapitalsIsNot() {
        Analysis shouting = CLASSIFIER.analyse("I told you the light is RED, not ORANGE.", "en");
        Analysis calm = CLASSIFIER.analyse("I told you the light is red, not orange.", "en");
        assertThat(shouting.anger()).isGreaterThan(calm.anger());

        Analysis typing = CLASSIFIER.analyse("PLEASE SEND THE SPARE PART TO MY NEW ADDRESS.", "en");
        assertThat(typing.angerLabel()).isEqualTo("none");

        Analysis happy = CLASSIFIER.analyse("THANK YOU!!! BEST SUPPORT EVER!!!", "en");
        assertThat(happy.valenceLabel()).isEqualTo("positive");
        assertThat(happy.angerLabel()).isEqualTo("none");
        assertThat(happy.gratitude()).isPositive();
    }

    @Test
    void emojiAreTokensWithTheirOwnSpans() {
        String angry = "where is my order 😡😡";
        Analysis analysis = CLASSIFIER.analyse(angry, "en");
        assertThat(analysis.angerLabel()).isEqualTo("high");
        assertThat(analysis.cues())
                .extracting(c -> c.span().start())
                .containsExactly(angry.indexOf("😡"), angry.lastIndexOf("😡"));
        assertThat(analysis.cues().getFirst().span().end()
                        - analysis.cues().getFirst().span().start())
                .isEqualTo(2);

        assertThat(CLASSIFIER.analyse("All sorted now 👍", "en").valenceLabel()).isEqualTo("positive");
        assertThat(CLASSIFIER.analyse("still no refund 🙄", "en").cues())
                .extracting(Cue::label)
                .contains("sarcasm");
    }

    @Test
    void praiseInAComplaintIsSarcasmButPraiseAloneIsPraise() {
        Analysis sarcastic = CLASSIFIER.analyse("Great, another week without my order. Just perfect.", "en");
        assertThat(sarcastic.valenceLabel()).isEqualTo("negative");
        assertThat(sarcastic.angerLabel()).isNotEqualTo("none");
        assertThat(sarcastic.cues()).extracting(Cue::label).contains("sarcasm");

        Analysis genuine = CLASSIFIER.analyse("Great, that worked! Thank you so much.", "en");
        assertThat(genuine.valenceLabel()).isEqualTo("positive");
        assertThat(genuine.gratitude()).isPositive();
        assertThat(genuine.cues()).extracting(Cue::label).doesNotContain("sarcasm");

        Analysis nothing = CLASSIFIER.analyse("Thanks for nothing. Three calls and no answer.", "en");
        assertThat(nothing.gratitude()).isZero();
        assertThat(nothing.valenceLabel()).isEqualTo("negative");

        // A sign-off on its own line is not a clause of praise.
        Analysis signedOff = CLASSIFIER.analyse("My parcel is late again.\nBest,\nAnna", "en");
        assertThat(signedOff.cues()).extracting(Cue::label).doesNotContain("sarcasm");
    }

    @Test
    void wordsOfOthersAreNotTheWritersOwn() {
        assertThat(CLASSIFIER
                        .analyse("Your driver called me a stupid cow.", "en")
                        .abuse()
                        .present())
                .isFalse();
        assertThat(CLASSIFIER
                        .analyse("I'm an idiot, I typed my old address.", "en")
                        .abuse()
                        .present())
                .isFalse();
        assertThat(CLASSIFIER
                        .analyse("The 'lovely' new app deleted my photos.", "en")
                        .valence())
                .isLessThan(CLASSIFIER
                        .analyse("The lovely new app deleted my photos.", "en")
                        .valence());
        assertThat(CLASSIFIER
                        .analyse("\"Thank you for your patience\" is all I ever hear.", "en")
                        .gratitude())
                .isZero();
    }

    @Test
    void swearingInAHappyMessageIsNotAnger() {
        Analysis happy = CLASSIFIER.analyse("Damn, that was quick! Thank you!", "en");
        assertThat(happy.valenceLabel()).isEqualTo("positive");
        assertThat(happy.angerLabel()).isEqualTo("none");
        Analysis angry = CLASSIFIER.analyse("Damn this router, it dropped again.", "en");
        assertThat(angry.angerLabel()).isEqualTo("high");
    }

    @Test
    void aTimeIsUrgentWhenItsSentenceAsksForSomething() {
        assertThat(CLASSIFIER
                        .analyse("The engineer came today and fixed it.", "en")
                        .urgent())
                .isFalse();
        assertThat(CLASSIFIER
                        .analyse("Please fix it today, I work from home.", "en")
                        .urgent())
                .isTrue();
        assertThat(CLASSIFIER
                        .analyse("My flight is tomorrow and I have no ticket.", "en")
                        .urgent())
                .isTrue();
    }

    @Test
    void leavingForAnOrdinaryReasonIsNoEscalation() {
        assertThat(CLASSIFIER
                        .analyse("Please cancel my subscription, I'm moving abroad. Thanks!", "en")
                        .escalation())
                .isEmpty();
        assertThat(CLASSIFIER
                        .analyse("Third outage this month. Cancel my subscription.", "en")
                        .escalation())
                .containsExactly("cancel");
        assertThat(CLASSIFIER
                        .analyse("I was going to leave a bad review but you fixed it. Thanks!", "en")
                        .escalation())
                .isEmpty();
    }

    @Test
    void thanksAndPoliteFormulasAreTold() {
        assertThat(CLASSIFIER
                        .analyse("Is the jacket back in stock? Thanks in advance.", "en")
                        .gratitude())
                .isZero();
        assertThat(CLASSIFIER
                        .analyse("I would appreciate it if someone read my emails.", "en")
                        .gratitude())
                .isZero();
        assertThat(CLASSIFIER
                        .analyse("Received my new card, activated fine, thanks.", "en")
                        .gratitude())
                .isPositive();
    }

    @Test
    void tokensCarryOffsetsIdsAndFlags() {
        Vocabulary vocabulary = new Vocabulary();
        int dont = vocabulary.add("don't");
        int tomorrow = vocabulary.add("tomorrow");
        String text = "I DON’T know… 'maybe' tomorrow's 3rd :) <30 14:02";
        Tokens tokens = Tokens.of(text, vocabulary);
        List<String> words = java.util.stream.IntStream.range(0, tokens.count)
                .mapToObj(tokens::text)
                .toList();
        assertThat(words).containsExactly("I", "DON’T", "know", "maybe", "tomorrow", "3rd", ":)", "30", "14", "02");
        assertThat(tokens.id[1]).isEqualTo(dont);
        assertThat(tokens.flags[1] & Tokens.NOT).isNotZero();
        assertThat(tokens.flags[1] & Tokens.HAS_LOWER).isZero();
        assertThat(tokens.flags[3] & Tokens.QUOTED).isNotZero();
        assertThat(tokens.flags[3] & Tokens.SENTENCE).isNotZero();
        assertThat(tokens.id[4]).isEqualTo(tomorrow);
        assertThat(tokens.flags[5] & Tokens.ORDINAL).isNotZero();
        assertThat(tokens.flags[7] & Tokens.NUMBER).isNotZero();
        // A phrase runs on over spaces, not over other marks: "know" follows "DON’T", "30" does not follow ":)".
        assertThat(tokens.flags[2] & Tokens.JOINED).isNotZero();
        assertThat(tokens.flags[7] & Tokens.JOINED).isZero();
    }

    @Test
    void phrasesHaveAlternativesOptionalPartsPrefixesAndClasses() throws IOException {
        Vocabulary vocabulary = new Vocabulary();
        CueMatcher matcher =
                CueMatcher.load(new ByteArrayInputStream("""
                        # comment
                        a	sick [and tired] of
                        a	frustrat*
                        b	(i am|i'm) going to cancel
                        c	day <number>
                        c	<ordinal> time
                        d	/\\bf\\*+k\\b/	f
                        """.getBytes(StandardCharsets.UTF_8)), vocabulary);
        String text = "Sick and tired of it, so frustrating. Im going to cancel. Day 12, the 3rd time. f**k. "
                + "Sick of, tired of.";
        CueMatcher.Hits hits = matcher.match(Tokens.of(text, vocabulary));
        List<String> found = java.util.stream.IntStream.range(0, hits.count)
                .mapToObj(h -> matcher.labelName(hits.label[h]) + "=" + text.substring(hits.from[h], hits.to[h]))
                .toList();
        assertThat(found)
                .containsExactly(
                        "a=Sick and tired of",
                        "a=frustrating",
                        "b=Im going to cancel",
                        "c=Day 12",
                        "c=3rd time",
                        "a=Sick of",
                        "d=f**k");

        assertThatThrownBy(() -> CueMatcher.load(
                        new ByteArrayInputStream("x\t[only optional]\n".getBytes(StandardCharsets.UTF_8)),
                        new Vocabulary()))
                .hasMessageContaining("line 1");
    }

    @Test
    void aBrokenPromiseIsAComplaintNotPraise() {
        Analysis a = new LexiconEmotionClassifier().analyse("You promised the refund ten days ago. Where is it?", "en");
        assertThat(a.valenceLabel()).isEqualTo("negative");
    }
}
