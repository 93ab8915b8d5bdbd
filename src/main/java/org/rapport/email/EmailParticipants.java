package org.rapport.email;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.rapport.customer.CustomerQueries;
import org.rapport.customer.CustomerService;
import org.rapport.customer.Identity;
import org.rapport.mail.MailAddress;
import org.rapport.mail.ParsedMail;
import org.rapport.mail.ReceiverProperties;
import org.rapport.shared.Actor;
import org.rapport.shared.CustomerId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.TicketId;
import org.rapport.ticket.TicketParticipants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Who besides the customer is in an email conversation: the people they wrote to, and who answers. */
@Component
class EmailParticipants {

    private static final Logger log = LoggerFactory.getLogger(EmailParticipants.class);
    private static final Actor EMAIL = new Actor(Actor.Kind.SYSTEM, null, "email channel");

    private final TicketParticipants participants;
    private final CustomerQueries customerQueries;
    private final CustomerService customers;
    private final EmailProperties properties;
    private final Set<String> ours;

    EmailParticipants(
            TicketParticipants participants,
            CustomerQueries customerQueries,
            CustomerService customers,
            ReceiverProperties receivers,
            EmailProperties properties) {
        this.participants = participants;
        this.customerQueries = customerQueries;
        this.customers = customers;
        this.properties = properties;
        this.ours = ourAddresses(receivers, properties);
    }

    /** Our own addresses, from the settings: never participants. */
    private static Set<String> ourAddresses(ReceiverProperties receivers, EmailProperties properties) {
        Set<String> ours = new HashSet<>();
        ours.add(lower(receivers.defaultMailbox()));
        receivers.mailboxes().stream()
                .map(ReceiverProperties.Mailbox::address)
                .filter(java.util.Objects::nonNull)
                .forEach(a -> ours.add(lower(a)));
        properties.mailboxTeams().keySet().forEach(a -> ours.add(lower(a)));
        ours.add(lower(properties.outbound().from()));
        return Set.copyOf(ours);
    }

    /**
     * Everyone else the customer wrote to (To and Cc, not our own mailboxes) joins the conversation, and so
     * does a copied person who writes on it. Customers for unknown addresses are made for at most
     * {@code max-cc-customers} of them per message, so one mail to a long list cannot flood the customers.
     */
    void join(TicketId ticket, CustomerId ticketCustomer, CustomerId sender, ParsedMail mail, String mailbox) {
        if (!ticketCustomer.equals(sender)) {
            participants.add(ticket, sender, EMAIL);
        }
        String ourMailbox = lower(mailbox);
        Set<String> seen = new HashSet<>();
        int created = 0;
        List<MailAddress> copied = new ArrayList<>(mail.to());
        copied.addAll(mail.cc());
        for (MailAddress address : copied) {
            String value = address.address() == null ? "" : address.address().toLowerCase(Locale.ROOT);
            if (value.isEmpty()
                    || value.equals(ourMailbox)
                    || ours.contains(value)
                    || value.equalsIgnoreCase(mail.from().address())
                    || !seen.add(value)) {
                continue;
            }
            Identity identity;
            try {
                identity = Identity.email(value);
            } catch (InvalidValueException e) {
                continue;
            }
            Optional<CustomerId> known = customerQueries.findByIdentity(identity);
            if (known.isEmpty() && created >= properties.maxCcCustomers()) {
                log.info(
                        "Not adding {} to ticket {}: {} new customers from one message already",
                        value,
                        ticket.value(),
                        created);
                continue;
            }
            String name = address.trusted()
                            && address.name() != null
                            && address.name().length() <= 200
                    ? EmailProcessor.printable(address.name()).strip()
                    : null;
            CustomerId participant = known.orElseGet(
                    () -> customers.findOrCreate(identity, name == null || name.isEmpty() ? null : name, EMAIL));
            if (known.isEmpty()) {
                created++;
            }
            participants.add(ticket, participant, EMAIL);
        }
    }

    private static String lower(String address) {
        return address == null ? "" : address.toLowerCase(Locale.ROOT);
    }
}
