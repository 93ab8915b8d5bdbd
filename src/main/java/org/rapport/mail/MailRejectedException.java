package org.rapport.mail;

/** The message cannot be taken: over a limit, or not a message at all. {@code limit} names the limit hit. */
public class MailRejectedException extends RuntimeException {

    private final String limit;

    public MailRejectedException(String limit, String message) {
        super(message);
        this.limit = limit;
    }

    public MailRejectedException(String limit, String message, Throwable cause) {
        super(message, cause);
        this.limit = limit;
    }

    /** The limit hit ({@code maxMessageBytes}, {@code maxMimeDepth}, …) or {@code malformed}. */
    public String limit() {
        return limit;
    }
}
