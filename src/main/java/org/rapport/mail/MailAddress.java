package org.rapport.mail;

/**
 * A mailbox from a header: the address (lower-cased, validated) and the display name. {@code trusted} is
 * false when the display name pretends to be another address, a classic spoof ("support@bank.com"
 * &lt;attacker@evil.example&gt;).
 */
public record MailAddress(String name, String address, boolean trusted) {}
