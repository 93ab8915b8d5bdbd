package org.rapport.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The block reader of SMTP DATA: dot-stuffing, the terminator anywhere in a block, nothing read past it. */
class SmtpDataTests {

    static InputStream session(String wire, int buffer) {
        return new BufferedInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), buffer);
    }

    static String read(InputStream in, int keep) throws IOException {
        SmtpData.Message message = SmtpData.read(in, keep);
        return new String(message.bytes(), 0, message.size(), StandardCharsets.ISO_8859_1);
    }

    static String rest(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsUpToTheDotLineAndLeavesWhatFollowsForTheNextCommand() throws IOException {
        for (int buffer : new int[] {1, 2, 7, 16, 8192}) {
            InputStream in = session("Subject: hi\r\n\r\nHello\r\n.\r\nMAIL FROM:<a@b>\r\nQUIT\r\n", buffer);
            assertThat(read(in, 1000)).isEqualTo("Subject: hi\r\n\r\nHello\r\n");
            assertThat(rest(in)).isEqualTo("MAIL FROM:<a@b>\r\nQUIT\r\n");
        }
    }

    @Test
    void undoesDotStuffingAndKeepsDotsInsideLines() throws IOException {
        InputStream in = session("..hidden\r\n.x\r\na.b\r\n...\r\n.\r\n", 16);
        assertThat(read(in, 1000)).isEqualTo(".hidden\r\nx\r\na.b\r\n..\r\n");
    }

    @Test
    void anEmptyMessageAndLoneCarriageReturnsAreHandled() throws IOException {
        assertThat(read(session(".\r\nNOOP\r\n", 4), 10)).isEmpty();
        InputStream in = session("a\r\n.\rb\r\nc\r\r\n.\r\n", 3);
        assertThat(read(in, 100)).isEqualTo("a\r\n\rb\r\nc\r\r\n");
    }

    @Test
    void theTerminatorMayStraddleBlocksAndBinaryBytesSurvive() throws IOException {
        Random random = new Random(7);
        for (int length = 8180; length < 8200; length++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < length; i++) {
                char c = (char) (random.nextInt(250) + 1);
                body.append(c == '\r' || c == '\n' || c == '.' ? 'x' : c);
            }
            body.append((char) 0xFF).append("\r\n");
            InputStream in = session(body + ".\r\nQUIT\r\n", 8192);
            assertThat(read(in, Integer.MAX_VALUE)).isEqualTo(body.toString());
            assertThat(rest(in)).isEqualTo("QUIT\r\n");
        }
    }

    @Test
    void keepsAtMostTheLimitButStillReadsToTheEnd() throws IOException {
        InputStream in = session("x".repeat(50_000) + "\r\n.\r\nQUIT\r\n", 8192);
        assertThat(read(in, 40_000)).isEqualTo("x".repeat(40_000));
        assertThat(rest(in)).isEqualTo("QUIT\r\n");
        // Far past the limit the reader gives up instead of reading on without end.
        assertThatThrownBy(() -> read(session("x".repeat(200_000) + "\r\n.\r\n", 8192), 10))
                .isInstanceOf(org.subethamail.smtp.TooMuchDataException.class);
    }

    @Test
    void aConnectionClosedMidMessageIsAnError() {
        assertThatThrownBy(() -> read(session("Hello\r\nno end", 16), 100)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read(session("Hello\r\n.\r", 16), 100)).isInstanceOf(EOFException.class);
    }
}
