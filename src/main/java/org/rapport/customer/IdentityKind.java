package org.rapport.customer;

import java.util.Locale;
import java.util.regex.Pattern;
import org.rapport.shared.EmailAddress;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.Texts;

/** The kinds of identity a customer has on our channels, each with its own normal form. */
public enum IdentityKind {
    EMAIL {
        @Override
        String normalise(String value) {
            return EmailAddress.of(value).value();
        }
    },
    PHONE {
        @Override
        String normalise(String value) {
            String digits = value.replaceAll("[\\s().\\-/]", "");
            if (!PHONE_SHAPE.matcher(digits).matches()) {
                throw new InvalidValueException(
                        "value",
                        "'" + Texts.abbreviate(value, 40)
                                + "' is not a phone number (digits, optionally with a leading +)");
            }
            return digits;
        }
    },
    CHAT {
        @Override
        String normalise(String value) {
            if (!VISITOR_SHAPE.matcher(value).matches()) {
                throw new InvalidValueException("value", "a chat visitor id is 1–128 letters, digits, '-' or '_'");
            }
            return value;
        }
    },
    EXTERNAL {
        @Override
        String normalise(String value) {
            String trimmed = value.trim();
            if (!EXTERNAL_SHAPE.matcher(trimmed).matches()) {
                throw new InvalidValueException(
                        "value",
                        "an external identity is 'network:handle', e.g. 'whatsapp:+4930123456' (at most 200 characters)");
            }
            int colon = trimmed.indexOf(':');
            return trimmed.substring(0, colon).toLowerCase(Locale.ROOT) + trimmed.substring(colon);
        }
    };

    private static final Pattern PHONE_SHAPE = Pattern.compile("\\+?[0-9]{4,20}");
    private static final Pattern VISITOR_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern EXTERNAL_SHAPE = Pattern.compile("[A-Za-z0-9_.-]{1,40}:[^\\p{Cntrl}\\s]{1,159}");

    abstract String normalise(String value);

    public Identity identity(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("value", "an identity needs a value");
        }
        return new Identity(this, normalise(value));
    }

    public static IdentityKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("kind", "identity kind must be one of email, phone, chat, external");
        }
    }
}
