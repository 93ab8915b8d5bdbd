package org.rapport.shared;

/** Someone else changed the object since the caller read it. */
public class StaleVersionException extends RuntimeException {

    public StaleVersionException(String what, Object id, long expected, long actual) {
        super(what + " " + id + " is at version " + actual + ", not " + expected + ": reload it and try again");
    }
}
