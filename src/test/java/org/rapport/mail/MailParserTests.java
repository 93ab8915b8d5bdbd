package org.rapport.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parser against the corpus in src/test/resources/mail: one situation per message. */
class MailParserTests {

    private final MailParser parser = new MailParser(MailLimits.defaults());

    static byte[] corpus(String name) {
        try (InputStream in = MailParserTests.class.getResourceAsStream("/mail/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing corpus message " + name, e);
        }
    }

    @Test
    void gmailReplyDecodesHeadersThreadingAndStripsTheQuote() {
        ParsedMail mail = parser.parse(corpus("gmail-reply.eml"));

        assertThat(mail.from().address()).isEqualTo("anna.schmidt@example.com");
        assertThat(mail.from().name()).isEqualTo("Anna Schmidt Ö");
        assertThat(mail.from().trusted()).isTrue();
        assertThat(mail.subject()).isEqualTo("Re: Router fällt aus [#10042]");
        assertThat(mail.messageId()).isEqualTo("CAF=abc123@mail.gmail.com");
        assertThat(mail.inReplyTo()).isEqualTo("out-10042-1@rapport.test");
        assertThat(mail.references()).containsExactly("first@example.com", "out-10042-1@rapport.test");
        assertThat(mail.replyText()).isEqualTo("It dropped again this morning at 7:40. I need it fixed today.");
        assertThat(mail.text()).contains("> We reset your line remotely.");
        assertThat(mail.html()).contains("It dropped again");
        assertThat(mail.kind()).isEqualTo(MailKind.PERSONAL);
        assertThat(mail.date()).isNotNull();
    }

    @Test
    void outlookGermanReplyInWindows1252KeepsUmlautsAndStopsAtVonGesendet() {
        ParsedMail mail = parser.parse(corpus("outlook-reply-de.eml"));

        assertThat(mail.from().name()).isEqualTo("Jörg Müller");
        assertThat(mail.replyText()).startsWith("Vielen Dank, aber das Paket ist immer noch nicht da. Größe: 42");
        assertThat(mail.replyText())
                .contains("Mit freundlichen Grüßen")
                .doesNotContain("Gesendet:", "Ihre Bestellung ist unterwegs");
    }

    @Test
    void outlookWebSeparatorAndHeaderBlockEndTheReply() {
        assertThat(parser.parse(corpus("outlook-web-en.eml")).replyText()).isEqualTo("Thanks, the refund arrived.");
    }

    @Test
    void iso2022JpSubjectAndBodyDecode() {
        ParsedMail mail = parser.parse(corpus("iso-2022-jp.eml"));

        assertThat(mail.subject()).isEqualTo("注文について");
        assertThat(mail.text()).isEqualTo("お世話になっております。注文の件で連絡しました。");
    }

    @Test
    void utf8BodyLabelledLatin1IsReadAsUtf8() {
        assertThat(parser.parse(corpus("mislabelled-utf8.eml")).text()).isEqualTo("Le câble est cassé, très déçue.");
    }

    @Test
    void latin1ThatIsNotUtf8StaysLatin1() {
        byte[] raw =
                "From: a@example.com\r\nSubject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nK\u00e4se\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(parser.parse(raw).text()).isEqualTo("Käse");
    }

    @Test
    void autoReplyIsAutomaticWithItsReasons() {
        ParsedMail mail = parser.parse(corpus("auto-reply.eml"));

        assertThat(mail.kind()).isEqualTo(MailKind.AUTOMATIC);
        assertThat(mail.kindReasons())
                .contains("Auto-Submitted: auto-replied")
                .anyMatch(r -> r.startsWith("X-Auto-Response-Suppress"));
    }

    @Test
    void deliveryStatusNotificationIsABounceOfOurMessageToThatRecipient() {
        ParsedMail mail = parser.parse(corpus("bounce.eml"));

        assertThat(mail.kind()).isEqualTo(MailKind.BOUNCE);
        assertThat(mail.bouncedMessageId()).isEqualTo("out-10044-2@rapport.test");
        assertThat(mail.bouncedRecipient()).isEqualTo("gone.customer@example.net");
    }

    @Test
    void ourOwnLoopHeaderMarksALoop() {
        assertThat(parser.parse(corpus("loop.eml")).kind()).isEqualTo(MailKind.LOOP);
    }

    @Test
    void hostileHtmlIsSanitisedAndItsTextKept() {
        ParsedMail mail = parser.parse(corpus("hostile-html.eml"));

        assertThat(mail.html())
                .contains("<b>bold</b>", "https://example.com/help")
                .doesNotContain("<script", "onerror", "onload", "javascript:", "<iframe", "<form", "<style");
        assertThat(mail.text()).contains("Please click and read.").doesNotContain("alert");
    }

    @Test
    void attachmentsInlineImagesRfc2231NamesAndNestedMessages() {
        ParsedMail mail = parser.parse(corpus("attachments.eml"));

        assertThat(mail.attachments())
                .extracting(MailAttachment::fileName)
                .containsExactly("attachment.png", "Rechnung März.pdf", "passwd", "The original order.eml");
        MailAttachment photo = mail.attachments().getFirst();
        assertThat(photo.inline()).isTrue();
        assertThat(photo.contentId()).isEqualTo("photo1@example.com");
        MailAttachment invoice = mail.attachments().get(1);
        assertThat(invoice.mediaType()).isEqualTo("application/pdf");
        assertThat(new String(invoice.content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 fake invoice");
        assertThat(invoice.sha256()).hasSize(64);
        assertThat(mail.attachments().get(3).mediaType()).isEqualTo("message/rfc822");
        assertThat(mail.cc())
                .extracting(MailAddress::address)
                .containsExactly("accounting@example.com", "someone.else@example.com");
        assertThat(mail.cc().get(1).trusted()).isFalse();
    }

    @Test
    void displayNamePretendingToBeAnotherAddressIsNotTrusted() {
        MailAddress from = parser.parse(corpus("spoofed-from.eml")).from();

        assertThat(from.address()).isEqualTo("attacker@evil.example");
        assertThat(from.trusted()).isFalse();
    }

    @Test
    void mobileAndDashSignaturesAreStripped() {
        assertThat(parser.parse(corpus("mobile-signature.eml")).replyText()).isEqualTo("Yes, Tuesday works for me.");
        assertThat(parser.parse(corpus("dash-signature.eml")).replyText()).isEqualTo("How do I change my address?");
    }

    @Test
    void bytesThatAreNoMessageAreRefusedAsMalformed() {
        assertThatThrownBy(() -> parser.parse(corpus("not-a-message.eml")))
                .isInstanceOf(MailRejectedException.class)
                .extracting(e -> ((MailRejectedException) e).limit())
                .isEqualTo("malformed");
    }

    @Test
    void deepNestingIsRefusedNamingTheLimit() {
        StringBuilder raw = new StringBuilder("From: a@example.com\r\nSubject: deep\r\n");
        int depth = 40;
        for (int i = 0; i < depth; i++) {
            raw.append("Content-Type: multipart/mixed; boundary=\"b")
                    .append(i)
                    .append("\"\r\n\r\n--b")
                    .append(i)
                    .append("\r\n");
        }
        raw.append("Content-Type: text/plain\r\n\r\nhello\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            raw.append("--b").append(i).append("--\r\n");
        }

        assertThatThrownBy(() -> parser.parse(raw.toString().getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MailRejectedException.class)
                .extracting(e -> ((MailRejectedException) e).limit())
                .isEqualTo("maxMimeDepth");
    }

    @Test
    void everyLimitIsEnforcedAndNamed() {
        MailLimits tight = new MailLimits(2000, 5, 200, 20, 3, 100_000, 2, 2);
        MailParser strict = new MailParser(tight);

        assertLimit(strict, "From: a@example.com\r\nSubject: x\r\n\r\n" + "y".repeat(3000), "maxMessageBytes");
        assertLimit(strict, "From: a@example.com\r\n" + "X-A: 1\r\n".repeat(10) + "\r\nbody", "maxHeaderCount");
        assertLimit(strict, "From: a@example.com\r\nX-Long: " + "z".repeat(400) + "\r\n\r\nbody", "maxHeaderBytes");
        assertLimit(
                strict,
                "From: a@example.com\r\nSubject: x\r\n\r\nhttp://a.example http://b.example http://c.example",
                "maxLinks");
        assertLimit(
                strict, "From: a@example.com\r\nTo: a@x.example, b@x.example, c@x.example\r\n\r\nhi", "maxRecipients");
        String parts = "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n"
                + "--p\r\nContent-Type: text/plain\r\n\r\na\r\n".repeat(4) + "--p--\r\n";
        assertLimit(strict, parts, "maxParts");
    }

    @Test
    void htmlOnlyMessageGetsAPlainTextVersion() {
        byte[] raw =
                "From: a@example.com\r\nSubject: x\r\nContent-Type: text/html\r\n\r\n<p>First</p><p>Second<br>line</p>"
                        .getBytes(StandardCharsets.US_ASCII);

        assertThat(parser.parse(raw).text()).isEqualTo("First\nSecond\nline");
    }

    @org.junit.jupiter.api.Test
    void uuencodedFilesInATextBodyBecomeAttachments() {
        byte[] file = new byte[300];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i * 7);
        }
        String raw = "From: old@example.com\r\nSubject: Scan\r\nMessage-ID: <uu1@example.com>\r\n\r\n"
                + "Here is the scan you asked for.\r\n\r\n" + uuencode("../../etc/scan.pdf", file)
                + "\r\nRegards, Olaf\r\n";
        ParsedMail mail = parser.parse(raw.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        org.assertj.core.api.Assertions.assertThat(mail.attachments()).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(mail.attachments().getFirst().fileName())
                .isEqualTo("scan.pdf");
        org.assertj.core.api.Assertions.assertThat(mail.attachments().getFirst().content())
                .isEqualTo(file);
        org.assertj.core.api.Assertions.assertThat(mail.text())
                .contains("Here is the scan")
                .contains("Regards, Olaf")
                .doesNotContain("begin 644");
    }

    @org.junit.jupiter.api.Test
    void aPartWithTheUuencodeTransferEncodingIsDecoded() {
        byte[] file = "PK just some zip-like bytes \u0000\u0001".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String raw = "From: old@example.com\r\nSubject: Zip\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee file.\r\n"
                + "--b\r\nContent-Type: application/zip\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n"
                + uuencode("a.zip", file) + "--b--\r\n";
        ParsedMail mail = parser.parse(raw.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        org.assertj.core.api.Assertions.assertThat(mail.attachments()).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(mail.attachments().getFirst().fileName())
                .isEqualTo("a.zip");
        org.assertj.core.api.Assertions.assertThat(mail.attachments().getFirst().content())
                .isEqualTo(file);
    }

    @org.junit.jupiter.api.Test
    void proseThatLooksLikeABeginLineStaysText() {
        String raw = "From: a@example.com\r\nSubject: Notes\r\n\r\nbegin 644 notes\r\nplease read this\r\nend\r\n";
        ParsedMail mail = parser.parse(raw.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        org.assertj.core.api.Assertions.assertThat(mail.attachments()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(mail.text()).contains("please read this");
    }

    @org.junit.jupiter.api.Test
    void linksAreCountedLikeTheRegularExpressionWouldCountThem() {
        java.util.regex.Pattern oracle = java.util.regex.Pattern.compile("(?i)(https?://|href\\s*=)");
        java.util.Random random = new java.util.Random(7);
        String[] pieces = {
            "http://", "HTTPS://", "hTtP:/", "href", "HREF =", "href\t=", " ", "=", "h", "x", "ttp://", "s://"
        };
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            java.util.regex.Matcher m = oracle.matcher(text);
            int expected = 0;
            while (m.find()) {
                expected++;
            }
            org.assertj.core.api.Assertions.assertThat(MailParser.links(text.toString()))
                    .as(text.toString())
                    .isEqualTo(expected);
        }
    }

    /** The classic encoding: 45 bytes per line, a length character, four characters per three bytes. */
    static String uuencode(String name, byte[] data) {
        StringBuilder out = new StringBuilder("begin 644 ").append(name).append("\r\n");
        for (int offset = 0; offset < data.length; offset += 45) {
            int length = Math.min(45, data.length - offset);
            out.append((char) (32 + length));
            for (int i = 0; i < length; i += 3) {
                int b0 = data[offset + i] & 0xFF;
                int b1 = i + 1 < length ? data[offset + i + 1] & 0xFF : 0;
                int b2 = i + 2 < length ? data[offset + i + 2] & 0xFF : 0;
                int[] c = {b0 >> 2, ((b0 & 3) << 4) | (b1 >> 4), ((b1 & 15) << 2) | (b2 >> 6), b2 & 63};
                for (int v : c) {
                    out.append(v == 0 ? '`' : (char) (32 + v));
                }
            }
            out.append("\r\n");
        }
        return out.append("`\r\nend\r\n").toString();
    }

    private static void assertLimit(MailParser parser, String raw, String limit) {
        assertThatThrownBy(() -> parser.parse(raw.getBytes(StandardCharsets.US_ASCII)))
                .as(limit)
                .isInstanceOf(MailRejectedException.class)
                .extracting(e -> ((MailRejectedException) e).limit())
                .isEqualTo(limit);
    }

    @Test
    void latin1LabelIsReadAsWindows1252LikeBrowsersDo() {
        byte[] raw =
                "From: a@example.com\r\nSubject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nPrice \u0080 5, \u0093quoted\u0094\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(parser.parse(raw).text()).isEqualTo("Price € 5, “quoted”");
    }

    @Test
    void aBombOfBoundariesIsRefusedBeforeParsing() {
        String raw = "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n".repeat(5000);

        assertThatThrownBy(() -> parser.parse(raw.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MailRejectedException.class)
                .extracting(e -> ((MailRejectedException) e).limit())
                .isEqualTo("maxParts");
    }

    @Test
    void aDeliveryReportFromAnOrdinarySenderIsNotTrustedAsABounce() {
        String raw = new String(corpus("bounce.eml"), StandardCharsets.US_ASCII)
                .replace("Return-Path: <>", "Return-Path: <mallory@evil.example>")
                .replace("From: Mail Delivery System <MAILER-DAEMON@mx.example.net>", "From: mallory@evil.example");

        assertThat(parser.parse(raw.getBytes(StandardCharsets.US_ASCII)).kind()).isNotEqualTo(MailKind.BOUNCE);
    }
}
