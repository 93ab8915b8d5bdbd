package org.rapport.shared;

/** The object does not exist, or is outside the caller's reach: both look the same from outside. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
