package org.rapport.ticket;

/** The type of an admin-defined ticket field. */
public enum CustomFieldType {
    TEXT,
    NUMBER,
    DATE,
    CHOICE
}
