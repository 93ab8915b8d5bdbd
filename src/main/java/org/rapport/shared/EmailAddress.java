package org.rapport.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A syntactically valid mailbox address ({@code local@domain}), normalised to lower case so that one
 * person is one identity whatever case their mail client uses. Display names and comments are not part
 * of it: they are exactly where spoofing hides.
 */
public record EmailAddress(String value) {

    private static final int MAX_LENGTH = 254;
    // RFC 5321 dot-atom local part and a hostname of labels; quoted local parts are refused on purpose.
    private static final Pattern SHAPE =
            Pattern.compile("^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
                    + "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");

    public EmailAddress {
        if (value == null) {
            throw new InvalidValueException("email address is missing");
        }
        value = value.trim().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH
                || value.indexOf('@') > 64
                || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("'" + abbreviate(value) + "' is not a valid email address");
        }
    }

    public static EmailAddress of(String value) {
        return new EmailAddress(value);
    }

    public static boolean isValid(String value) {
        try {
            of(value);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    public String domain() {
        return value.substring(value.indexOf('@') + 1);
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    @Override
    public String toString() {
        return value;
    }
}
