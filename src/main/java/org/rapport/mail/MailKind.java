package org.rapport.mail;

/** What a message is, for the pipeline: only a personal message may open, reopen or be answered. */
public enum MailKind {
    /** Written by a person. */
    PERSONAL,
    /** Sent by a machine: auto-reply, out-of-office, list or bulk mail. Never answered automatically. */
    AUTOMATIC,
    /** A delivery status notification about a message that could not be delivered. */
    BOUNCE,
    /** Our own outbound mail coming back. Never re-ingested as a customer message. */
    LOOP
}
