package org.rapport.mail;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The parser's contract under any input: a {@link ParsedMail} or a {@link MailRejectedException},
 * nothing else. In `./mvnw verify` this runs the saved inputs in
 * src/test/resources/org/rapport/mail/MailParserFuzzTestsInputs/; to fuzz, see docs/fuzzing.md.
 */
class MailParserFuzzTests {

    private static final MailParser PARSER = new MailParser(MailLimits.defaults());

    @FuzzTest(maxDuration = "30s")
    void parsesOrRefusesAnyBytes(byte[] raw) {
        try {
            ParsedMail mail = PARSER.parse(raw);
            if (mail.text() == null || mail.replyText() == null || mail.kind() == null) {
                throw new IllegalStateException("a parsed message always has text, reply text and a kind");
            }
        } catch (MailRejectedException expected) {
            // a refusal with the limit named is a correct answer
        }
    }
}
