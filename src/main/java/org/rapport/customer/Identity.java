package org.rapport.customer;

import org.rapport.shared.EmailAddress;

/** One way to reach a customer, in its normal form. Create through {@link IdentityKind#identity}. */
public record Identity(IdentityKind kind, String value) {

    public static Identity email(String address) {
        return IdentityKind.EMAIL.identity(address);
    }

    public static Identity email(EmailAddress address) {
        return new Identity(IdentityKind.EMAIL, address.value());
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
    }
}
