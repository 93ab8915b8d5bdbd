package org.rapport.mail;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.util.SMTPResponseHelper;
import org.subethamail.smtp.server.Session;

/**
 * The SMTP {@code DATA} command, reading the message in blocks. subethasmtp's own reads it one byte at a
 * time through three stream layers, which was the largest single cost of taking mail in. This reads blocks
 * from the session's buffered input, undoes dot-stuffing and finds the terminating {@code CRLF.CRLF} in
 * one loop, and then gives back whatever it read past the terminator (mark and reset), so pipelined
 * commands after the message are not lost. Replies are the same as subethasmtp's.
 */
final class SmtpData extends BaseCommand {

    private static final int BLOCK = 8192;
    // Past the limit the rest of the message is read and dropped, so the client gets a clean 552; past this
    // many times the limit it is not worth reading on.
    private static final int GIVE_UP_FACTOR = 2;

    private final int maxBytes;

    SmtpData(int maxBytes) {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
        this.maxBytes = maxBytes;
    }

    /** Registers this in place of subethasmtp's DATA (its command table is public, its builder has no hook). */
    static void install(org.subethamail.smtp.server.SMTPServer server, int maxBytes) {
        Command data = new SmtpData(maxBytes);
        server.getCommandHandler().addCommand(data);
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (session.getRecipientCount() == 0) {
            session.sendResponse("503 Error: need RCPT command");
            return;
        }
        session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
        // One byte over the limit is kept, so the message handler's own size check refuses it as before.
        int keep = maxBytes <= 0 || maxBytes == Integer.MAX_VALUE ? Integer.MAX_VALUE - 8 : maxBytes + 1;
        Message message;
        try {
            message = read(session.getRawInput(), keep);
        } catch (TooMuchDataException e) {
            session.resetMailTransaction();
            // Far over the limit and still going: answer and hang up rather than read without end.
            throw new DropConnectionException(552, "5.3.4 Message too big, closing the connection");
        }
        try {
            byte[] trace = session.getServer().getDisableReceivedHeaders() ? new byte[0] : received(session);
            InputStream in = new SequenceInputStream(
                    new ByteArrayInputStream(trace), new ByteArrayInputStream(message.bytes(), 0, message.size()));
            String answer = session.getMessageHandler().data(in);
            session.sendResponse(answer == null ? "250 Ok" : SMTPResponseHelper.buildResponse("250", answer));
        } catch (RejectException e) {
            session.sendResponse(e.getErrorResponse());
        } catch (TooMuchDataException e) {
            // The whole message was read, so the session is still in step: refuse this one and go on.
            session.sendResponse("552 5.3.4 Message too big");
        } finally {
            session.resetMailTransaction();
        }
    }

    /** The message as read: the first {@code size} bytes of {@code bytes}. */
    record Message(byte[] bytes, int size) {}

    /**
     * Our trace line (RFC 5321 4.4), as subethasmtp wrote it: who handed the message over, to whom, when.
     * {@code (Rapport)} marks it, so that intake can leave it out of a message's identity.
     */
    static byte[] received(Session session) {
        String helo = session.getHelo().orElse("unknown");
        String address =
                session.getRemoteAddress() instanceof java.net.InetSocketAddress socket && socket.getAddress() != null
                        ? socket.getAddress().getHostAddress()
                        : "unknown";
        StringBuilder header = new StringBuilder("Received: from ")
                .append(clean(helo))
                .append(" ([")
                .append(address)
                .append("])\r\n        by ")
                .append(clean(session.getServer().getHostName()))
                .append(" with SMTP (Rapport) id ")
                .append(clean(session.getSessionId()));
        session.getSingleRecipient()
                .ifPresent(to ->
                        header.append("\r\n        for <").append(clean(to)).append('>'));
        header.append(";\r\n        ")
                .append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now()))
                .append("\r\n");
        return header.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** What a client said in HELO goes into a header: no line breaks, nothing but printable ASCII. */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(c > ' ' && c < 127 && c != '<' && c != '>' ? c : '_');
        }
        return out.toString();
    }

    // States of the reader; a message starts at the start of a line.
    private static final int LINE_START = 0;
    private static final int TEXT = 1;
    private static final int CR = 2;
    private static final int DOT = 3;
    private static final int DOT_CR = 4;

    /**
     * The message up to the line holding a single dot, dot-stuffing undone, at most {@code keep} bytes of it
     * (the rest is read and dropped, up to twice the limit: then {@link TooMuchDataException}). The input is
     * left just after the terminating {@code .CRLF}.
     */
    static Message read(InputStream in, int keep) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalStateException("the session's input must support mark and reset");
        }
        byte[] block = new byte[BLOCK];
        byte[] out = new byte[BLOCK * 4];
        int size = 0;
        long dropped = 0;
        int state = LINE_START;
        while (true) {
            in.mark(BLOCK);
            int n = in.read(block, 0, BLOCK);
            if (n < 0) {
                throw new EOFException("the connection closed before the end of the message");
            }
            int end = -1;
            for (int i = 0; i < n && end < 0; i++) {
                int b = block[i] & 0xFF;
                int first = -1;
                int second = -1;
                switch (state) {
                    case LINE_START -> {
                        if (b == '.') {
                            state = DOT;
                        } else {
                            first = b;
                            state = b == '\r' ? CR : TEXT;
                        }
                    }
                    case DOT -> {
                        if (b == '\r') {
                            state = DOT_CR;
                        } else {
                            first = b; // the line's leading dot was stuffing: dropped
                            state = TEXT;
                        }
                    }
                    case DOT_CR -> {
                        if (b == '\n') {
                            end = i + 1;
                        } else {
                            // ".\r" and then not "\n": not the end; the dot was stuffing, the rest is text.
                            first = '\r';
                            second = b;
                            state = b == '\r' ? CR : TEXT;
                        }
                    }
                    case CR -> {
                        first = b;
                        state = b == '\n' ? LINE_START : b == '\r' ? CR : TEXT;
                    }
                    default -> {
                        first = b;
                        if (b == '\r') {
                            state = CR;
                        }
                    }
                }
                if (first >= 0 && size < keep) {
                    if (size == out.length) {
                        out = grow(out);
                    }
                    out[size++] = (byte) first;
                }
                if (second >= 0 && size < keep) {
                    if (size == out.length) {
                        out = grow(out);
                    }
                    out[size++] = (byte) second;
                }
            }
            if (end >= 0) {
                in.reset();
                skipFully(in, end);
                return new Message(out, size);
            }
            dropped += size >= keep ? n : 0;
            if (dropped > GIVE_UP_FACTOR * (long) keep) {
                throw new TooMuchDataException("more than " + GIVE_UP_FACTOR + " times the size limit");
            }
        }
    }

    private static byte[] grow(byte[] out) {
        return Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, out.length * 2L));
    }

    private static void skipFully(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the connection closed inside the message terminator");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
