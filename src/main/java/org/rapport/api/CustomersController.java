package org.rapport.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.rapport.access.Caller;
import org.rapport.customer.Customer;
import org.rapport.customer.CustomerDetails;
import org.rapport.customer.CustomerQueries;
import org.rapport.customer.CustomerService;
import org.rapport.customer.Identity;
import org.rapport.customer.IdentityKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.NotFoundException;
import org.rapport.ticket.TicketFilter;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketSort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customers, their identities, merges, tickets and audit trail. */
@RestController
@RequestMapping("/api/v1/customers")
class CustomersController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CustomersController.class);

    private final CustomerService customers;
    private final CustomerQueries queries;
    private final TicketQueries tickets;
    private final Idempotency idempotency;
    private final ApiProperties properties;

    CustomersController(
            CustomerService customers,
            CustomerQueries queries,
            TicketQueries tickets,
            Idempotency idempotency,
            ApiProperties properties) {
        this.customers = customers;
        this.queries = queries;
        this.tickets = tickets;
        this.idempotency = idempotency;
        this.properties = properties;
    }

    record IdentityJson(@NotNull IdentityKind kind, @NotNull String value) {}

    record CustomerJson(
            long id,
            String name,
            String organization,
            String language,
            String timeZone,
            String notes,
            List<String> tags,
            List<IdentityJson> identities,
            Long mergedIntoId,
            long version,
            Instant createdAt,
            Instant updatedAt) {

        static CustomerJson of(Customer c) {
            return new CustomerJson(
                    c.id().value(),
                    c.name(),
                    c.organization(),
                    c.language(),
                    c.timeZone(),
                    c.notes(),
                    c.tags(),
                    c.identities().stream()
                            .map(i -> new IdentityJson(i.kind(), i.value()))
                            .toList(),
                    c.merged() ? c.mergedInto().value() : null,
                    c.version(),
                    c.createdAt(),
                    c.updatedAt());
        }
    }

    record CustomerRequest(
            String name,
            String organization,
            String language,
            String timeZone,
            String notes,
            List<String> tags,
            List<@NotNull @Valid IdentityJson> identities) {

        CustomerDetails details() {
            return new CustomerDetails(name, organization, language, timeZone, notes, tags);
        }
    }

    record CustomerList(List<CustomerJson> items, String nextCursor) {}

    record MergeRequest(@NotNull Long into) {}

    @GetMapping
    CustomerList list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long cursor,
            @RequestParam(required = false) Integer limit) {
        Requests.caller();
        int size = Requests.limit(limit, properties.maxPageSize());
        List<Customer> page = queries.search(q, cursor, size + 1);
        String next = page.size() > size ? Long.toString(page.get(size - 1).id().value()) : null;
        return new CustomerList(page.stream().limit(size).map(CustomerJson::of).toList(), next);
    }

    @PostMapping
    ResponseEntity<?> create(
            @Valid @RequestBody CustomerRequest request,
            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        Caller caller = Requests.caller();
        return idempotency.run(caller, key, "POST /customers", request, () -> {
            List<Identity> identities = request.identities() == null
                    ? List.of()
                    : request.identities().stream()
                            .map(i -> i.kind().identity(i.value()))
                            .toList();
            CustomerId id = customers.create(request.details(), identities, caller.actor());
            Customer customer = queries.find(id).orElseThrow();
            return ResponseEntity.created(URI.create("/api/v1/customers/" + id.value()))
                    .eTag(Requests.etag(customer.version()))
                    .body(CustomerJson.of(customer));
        });
    }

    @GetMapping("/{id}")
    ResponseEntity<CustomerJson> get(@PathVariable long id) {
        Requests.caller();
        Customer customer = find(id);
        return ResponseEntity.ok().eTag(Requests.etag(customer.version())).body(CustomerJson.of(customer));
    }

    @PatchMapping("/{id}")
    ResponseEntity<CustomerJson> update(
            @PathVariable long id,
            @RequestBody CustomerRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Caller caller = Requests.caller();
        find(id);
        if (request.identities() != null) {
            throw ApiException.badRequest("identities", "change identities through /customers/{id}/identities.");
        }
        customers.update(new CustomerId(id), request.details(), Requests.expectedVersion(ifMatch), caller.actor());
        Customer customer = find(id);
        return ResponseEntity.ok().eTag(Requests.etag(customer.version())).body(CustomerJson.of(customer));
    }

    /** Admins only, and only for a customer without tickets: one with tickets is merged, not deleted. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        Caller caller = Requests.admin();
        find(id);
        if (tickets.anyOf(new CustomerId(id))) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "conflict",
                    "Customer " + id + " has tickets and cannot be deleted; merge it into the right customer instead.");
        }
        customers.delete(new CustomerId(id));
        log.info("Customer {} deleted by {}", id, caller.actor().label());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/identities")
    ResponseEntity<?> addIdentity(
            @PathVariable long id,
            @Valid @RequestBody IdentityJson request,
            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        Caller caller = Requests.caller();
        find(id);
        return idempotency.run(caller, key, "POST /customers/" + id + "/identities", request, () -> {
            customers.addIdentity(new CustomerId(id), request.kind().identity(request.value()), caller.actor());
            return ResponseEntity.ok(CustomerJson.of(find(id)));
        });
    }

    @DeleteMapping("/{id}/identities")
    CustomerJson removeIdentity(@PathVariable long id, @RequestParam String kind, @RequestParam String value) {
        Caller caller = Requests.caller();
        find(id);
        customers.removeIdentity(new CustomerId(id), IdentityKind.parse(kind).identity(value), caller.actor());
        return CustomerJson.of(find(id));
    }

    @PostMapping("/{id}/merge")
    ResponseEntity<?> merge(
            @PathVariable long id,
            @Valid @RequestBody MergeRequest request,
            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        Caller caller = Requests.caller();
        find(id);
        find(request.into());
        return idempotency.run(caller, key, "POST /customers/" + id + "/merge", request, () -> {
            customers.merge(new CustomerId(id), new CustomerId(request.into()), caller.actor());
            return ResponseEntity.ok(CustomerJson.of(find(request.into())));
        });
    }

    @GetMapping("/{id}/tickets")
    TicketsController.TicketList tickets(
            @PathVariable long id,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        Caller caller = Requests.caller();
        find(id);
        var page = tickets.list(
                TicketFilter.ofCustomer(new CustomerId(id)),
                Requests.scope(caller),
                TicketSort.CREATED_DESC,
                cursor,
                Requests.limit(limit, properties.maxPageSize()));
        return new TicketsController.TicketList(
                page.tickets().stream().map(TicketJson::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}/audit")
    List<AuditJson> audit(@PathVariable long id) {
        Requests.caller();
        find(id);
        return queries.auditTrail(new CustomerId(id)).stream()
                .map(e -> new AuditJson(e.id(), e.actor(), e.field(), e.before(), e.after(), e.at()))
                .toList();
    }

    private Customer find(long id) {
        return queries.find(new CustomerId(id)).orElseThrow(() -> new NotFoundException("Customer", id));
    }
}
