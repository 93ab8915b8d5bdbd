package org.rapport.customer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.rapport.shared.Actor;
import org.rapport.shared.ConflictException;
import org.rapport.shared.CustomerId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.StaleVersionException;
import org.rapport.shared.Tags;
import org.rapport.shared.Texts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes customers: create, find-or-create by identity, edit, identities, merge. Every change is audited. */
@Service
@Transactional
public class CustomerService {

    private final JdbcClient jdbc;
    private final CustomerQueries queries;
    private final CustomerAudit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomerService(
            JdbcClient jdbc,
            CustomerQueries queries,
            CustomerAudit audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.queries = queries;
        this.audit = audit;
        this.events = events;
    }

    public CustomerId create(CustomerDetails details, List<Identity> identities, Actor actor) {
        String name = Texts.line("name", details.name(), 200, true);
        long id = jdbc.sql("INSERT INTO customer (name) VALUES (?) RETURNING id")
                .param(name)
                .query(Long.class)
                .single();
        CustomerId customer = new CustomerId(id);
        audit.record(customer, actor, "created", null, name);
        applyDetails(
                customer,
                new CustomerDetails(
                        null,
                        details.organization(),
                        details.language(),
                        details.timeZone(),
                        details.notes(),
                        details.tags()),
                actor);
        for (Identity identity : identities) {
            addIdentity(customer, identity, actor);
        }
        return customer;
    }

    /**
     * The customer who owns this identity, created (named {@code name}, or after the identity) when
     * nobody does. Safe under concurrent calls for the same identity: exactly one customer results.
     */
    public CustomerId findOrCreate(Identity identity, String name, Actor actor) {
        var existing = queries.findByIdentity(identity);
        if (existing.isPresent()) {
            return existing.get();
        }
        return create(identity, name, actor);
    }

    /**
     * {@link #findOrCreate} for someone who has just written from {@code identity}: it works, so an earlier
     * bounce no longer counts ({@link #markWorking}). One statement when the address was not failing.
     */
    public CustomerId findOrCreateWriter(Identity identity, String name, Actor actor) {
        var existing = jdbc.sql("""
                        SELECT customer_id, failing_since IS NOT NULL FROM customer_identity WHERE kind = ? AND value = ?""")
                .params(identity.kind().name(), identity.value())
                .query((rs, n) -> new KnownIdentity(new CustomerId(rs.getLong(1)), rs.getBoolean(2)))
                .optional();
        if (existing.isEmpty()) {
            return create(identity, name, actor);
        }
        if (existing.get().failing()) {
            markWorking(identity);
        }
        return existing.get().customer();
    }

    private record KnownIdentity(CustomerId customer, boolean failing) {}

    private CustomerId create(Identity identity, String name, Actor actor) {
        String displayName = Texts.line("name", name, 200, false);
        if (displayName == null) {
            displayName = identity.kind() == IdentityKind.EMAIL
                    ? identity.value().substring(0, identity.value().indexOf('@'))
                    : identity.value();
        }
        long id = jdbc.sql("INSERT INTO customer (name) VALUES (?) RETURNING id")
                .param(displayName)
                .query(Long.class)
                .single();
        var claimed = jdbc.sql("""
                INSERT INTO customer_identity (customer_id, kind, value) VALUES (?, ?, ?)
                ON CONFLICT (kind, value) DO NOTHING RETURNING customer_id""")
                .params(id, identity.kind().name(), identity.value())
                .query(Long.class)
                .optional();
        if (claimed.isEmpty()) {
            // Another transaction created this person first; our row was never visible to anyone.
            jdbc.sql("DELETE FROM customer WHERE id = ?").param(id).update();
            return queries.findByIdentity(identity).orElseThrow();
        }
        CustomerId customer = new CustomerId(id);
        audit.record(customer, actor, "created", null, displayName);
        audit.record(customer, actor, "identity", null, identity.toString());
        return customer;
    }

    public void update(CustomerId id, CustomerDetails details, Long expectedVersion, Actor actor) {
        Customer current = lockForChange(id, expectedVersion);
        if (details.name() != null) {
            String name = Texts.line("name", details.name(), 200, true);
            jdbc.sql("UPDATE customer SET name = ? WHERE id = ?")
                    .params(name, id.value())
                    .update();
            audit.record(id, actor, "name", current.name(), name);
        }
        applyDetails(id, details, actor);
        touch(id);
    }

    /**
     * Marks an identity as failing (an email address that bounced), with the reason. Returns false when no
     * customer has it.
     */
    public boolean markFailing(Identity identity, String reason, Actor actor) {
        Optional<CustomerId> owner = queries.findByIdentity(identity);
        if (owner.isEmpty()) {
            return false;
        }
        String why = Texts.abbreviate(reason == null ? "delivery failed" : reason.strip(), 500);
        jdbc.sql("""
                        UPDATE customer_identity SET failing_since = now(), failure = ?
                        WHERE kind = ? AND value = ?""").params(why, identity.kind().name(), identity.value()).update();
        audit.record(owner.get(), actor, "failing", identity.toString(), why);
        return true;
    }

    /** The identity works again (the customer wrote from it): clears a failing mark. */
    public void markWorking(Identity identity) {
        jdbc.sql("""
                        UPDATE customer_identity SET failing_since = NULL, failure = NULL
                        WHERE kind = ? AND value = ? AND failing_since IS NOT NULL""").params(identity.kind().name(), identity.value()).update();
    }

    public void addIdentity(CustomerId id, Identity identity, Actor actor) {
        Customer current = lockForChange(id, null);
        var owner = queries.findByIdentity(identity);
        if (owner.isPresent()) {
            if (owner.get().equals(id)) {
                return;
            }
            throw new ConflictException(identity + " already belongs to customer "
                    + owner.get().value() + ": merge the two customers instead");
        }
        int added = jdbc.sql("""
                INSERT INTO customer_identity (customer_id, kind, value) VALUES (?, ?, ?)
                ON CONFLICT (kind, value) DO NOTHING""")
                .params(current.id().value(), identity.kind().name(), identity.value())
                .update();
        if (added == 0) {
            throw new ConflictException(identity + " was just claimed by another customer");
        }
        audit.record(id, actor, "identity", null, identity.toString());
        touch(id);
    }

    public void removeIdentity(CustomerId id, Identity identity, Actor actor) {
        lockForChange(id, null);
        int removed = jdbc.sql("DELETE FROM customer_identity WHERE customer_id = ? AND kind = ? AND value = ?")
                .params(id.value(), identity.kind().name(), identity.value())
                .update();
        if (removed == 0) {
            throw new NotFoundException("Identity", identity);
        }
        audit.record(id, actor, "identity", identity.toString(), null);
        touch(id);
    }

    /**
     * Makes {@code merged} part of {@code survivor}: its identities move now, its tickets move through
     * {@link CustomersMerged}. The merged record stays, pointing at the survivor, so the merge can be
     * traced and undone by hand.
     */
    public void merge(CustomerId merged, CustomerId survivor, Actor actor) {
        if (merged.equals(survivor)) {
            throw new ConflictException("a customer cannot be merged into itself");
        }
        // Lock both in id order so two opposite merges cannot deadlock.
        CustomerId first = merged.value() < survivor.value() ? merged : survivor;
        lockForChange(first, null);
        lockForChange(first == merged ? survivor : merged, null);
        List<String> moved = jdbc.sql(
                        "UPDATE customer_identity SET customer_id = ? WHERE customer_id = ? RETURNING kind, value")
                .params(survivor.value(), merged.value())
                .query((rs, n) -> rs.getString(1).toLowerCase(Locale.ROOT) + ":" + rs.getString(2))
                .list();
        jdbc.sql("UPDATE customer SET merged_into_id = ? WHERE id = ?")
                .params(survivor.value(), merged.value())
                .update();
        touch(merged);
        touch(survivor);
        audit.record(merged, actor, "merged_into", null, survivor.value());
        audit.record(survivor, actor, "merged_from", null, merged.value());
        for (String identity : moved) {
            audit.record(merged, actor, "identity", identity, null);
            audit.record(survivor, actor, "identity", null, identity);
        }
        events.publishEvent(new CustomersMerged(merged, survivor, actor));
    }

    /**
     * Erases a customer created by mistake: identities, audit trail and record. Refused while other
     * customers were merged into this one; the caller checks that no ticket refers to it.
     */
    public void delete(CustomerId id) {
        lockForChange(id, null);
        boolean survivor = jdbc.sql("SELECT EXISTS (SELECT 1 FROM customer WHERE merged_into_id = ?)")
                .param(id.value())
                .query(Boolean.class)
                .single();
        if (survivor) {
            throw new ConflictException(
                    "other customers were merged into customer " + id.value() + "; it cannot be deleted");
        }
        jdbc.sql("DELETE FROM customer_identity WHERE customer_id = ?")
                .param(id.value())
                .update();
        jdbc.sql("DELETE FROM customer_audit WHERE customer_id = ?")
                .param(id.value())
                .update();
        jdbc.sql("DELETE FROM customer WHERE id = ?").param(id.value()).update();
    }

    private void applyDetails(CustomerId id, CustomerDetails details, Actor actor) {
        Customer current = queries.find(id).orElseThrow();
        if (details.organization() != null) {
            String organization = Texts.line("organization", details.organization(), 200, false);
            Long organizationId = organization == null ? null : organizationId(organization);
            jdbc.sql("UPDATE customer SET organization_id = ? WHERE id = ?")
                    .params(organizationId, id.value())
                    .update();
            audit.record(id, actor, "organization", current.organization(), organization);
        }
        if (details.language() != null) {
            String language = language(details.language());
            jdbc.sql("UPDATE customer SET language = ? WHERE id = ?")
                    .params(language, id.value())
                    .update();
            audit.record(id, actor, "language", current.language(), language);
        }
        if (details.timeZone() != null) {
            String zone = timeZone(details.timeZone());
            jdbc.sql("UPDATE customer SET time_zone = ? WHERE id = ?")
                    .params(zone, id.value())
                    .update();
            audit.record(id, actor, "time_zone", current.timeZone(), zone);
        }
        if (details.notes() != null) {
            String notes = Texts.block("notes", details.notes(), 20_000);
            jdbc.sql("UPDATE customer SET notes = ? WHERE id = ?")
                    .params(notes, id.value())
                    .update();
            audit.record(id, actor, "notes", current.notes(), notes);
        }
        if (details.tags() != null) {
            List<String> tags = Tags.normalise(details.tags());
            jdbc.sql("UPDATE customer SET tags = ? WHERE id = ?")
                    .params(tags.toArray(String[]::new), id.value())
                    .update();
            audit.record(id, actor, "tags", String.join(",", current.tags()), String.join(",", tags));
        }
    }

    private Customer lockForChange(CustomerId id, Long expectedVersion) {
        Long version = jdbc.sql("SELECT version FROM customer WHERE id = ? FOR UPDATE")
                .param(id.value())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("Customer", id.value()));
        if (expectedVersion != null && !Objects.equals(expectedVersion, version)) {
            throw new StaleVersionException("Customer", id.value(), expectedVersion, version);
        }
        Customer customer = queries.find(id).orElseThrow();
        if (customer.merged()) {
            throw new ConflictException("customer " + id.value() + " was merged into "
                    + customer.mergedInto().value() + ": change that one");
        }
        return customer;
    }

    private void touch(CustomerId id) {
        jdbc.sql("UPDATE customer SET version = version + 1, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id.value())
                .update();
    }

    private long organizationId(String name) {
        return jdbc.sql("""
                INSERT INTO customer_organization (name) VALUES (?)
                ON CONFLICT (lower(name)) DO UPDATE SET name = customer_organization.name RETURNING id""").param(name).query(Long.class).single();
    }

    private static String language(String tag) {
        String trimmed = tag.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(trimmed).build();
            if (locale.getLanguage().isEmpty() || trimmed.length() > 35) {
                throw new IllformedLocaleException();
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw new InvalidValueException(
                    "language",
                    "'" + Texts.abbreviate(trimmed, 40) + "' is not a language tag such as 'en' or 'de-CH'");
        }
    }

    private static String timeZone(String zone) {
        String trimmed = zone.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        try {
            return ZoneId.of(trimmed).getId();
        } catch (DateTimeException e) {
            throw new InvalidValueException(
                    "timeZone", "'" + Texts.abbreviate(trimmed, 40) + "' is not a time zone such as 'Europe/Berlin'");
        }
    }
}
