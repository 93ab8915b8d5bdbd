package org.rapport.email;

import java.time.Instant;

/** One received message as the channel keeps it: its state, and the reason when it was not taken. */
public record InboundEmail(
        long id,
        String mailbox,
        String source,
        String sha256,
        long size,
        State state,
        String reason,
        String limit,
        Long ticketId,
        Long messageId,
        int attempts,
        Instant receivedAt,
        Instant processedAt) {

    public enum State {
        /** Stored, not yet processed (a crash leaves it here; it is processed on restart). */
        RECEIVED,
        /** Became a ticket message. */
        PROCESSED,
        /** A bounce, recorded on the ticket of the message it bounces. */
        BOUNCE,
        /** Our own mail coming back: kept, not ingested. */
        IGNORED,
        /** Could not be taken; kept with its raw bytes and the reason, visible to admins. */
        QUARANTINED,
        /** An admin discarded it from quarantine; the raw bytes stay in storage. */
        DISCARDED
    }
}
