package org.rapport.shared;

import java.util.Locale;

/** The ways a customer reaches us. Every channel feeds the same ticket pipeline. */
public enum ChannelKind {
    EMAIL,
    WEB_FORM,
    CHAT,
    PHONE,
    API,
    WEBHOOK,
    SOCIAL;

    /** Parses the lower-case wire form ({@code web_form}) as well as the constant name. */
    public static ChannelKind parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
