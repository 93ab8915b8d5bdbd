package org.rapport.mail;

/**
 * Where the receivers (SMTP, IMAP, POP3) hand over raw messages. The channel that implements it must
 * have stored the bytes durably when {@link #accept} returns: only then does a receiver acknowledge
 * (SMTP 250, IMAP delete). It throws when it could not store; the receiver then leaves the message
 * with the sender or on the server.
 */
public interface InboundSink {

    /** Stores and processes one message; {@code source} says how it came ("smtp", "imap", …). */
    void accept(String mailbox, String source, byte[] raw);
}
