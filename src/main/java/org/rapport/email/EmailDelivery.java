package org.rapport.email;

import java.time.Instant;

/**
 * How an agent's reply fared as an email: {@code PENDING} (waiting for its next try), {@code SENT}, or
 * {@code FAILED} with the mail server's words.
 */
public record EmailDelivery(long messageId, String state, int attempts, String lastError, Instant sentAt) {

    public boolean sent() {
        return state.equals("SENT");
    }

    public boolean failed() {
        return state.equals("FAILED");
    }
}
