package org.rapport.shared;

/** The change cannot be made in the current state (a duplicate identity, a merge into itself, …). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
