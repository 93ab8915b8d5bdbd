package org.rapport.shared;

/**
 * A value given from outside breaks a rule of the domain. The message is written for the person who
 * sent it; {@link #field()} names what was wrong when known.
 */
public class InvalidValueException extends RuntimeException {

    private final String field;

    public InvalidValueException(String message) {
        this(null, message);
    }

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
