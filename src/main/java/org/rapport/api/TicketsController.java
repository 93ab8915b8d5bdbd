package org.rapport.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rapport.access.Caller;
import org.rapport.customer.CustomerQueries;
import org.rapport.customer.CustomerService;
import org.rapport.customer.Identity;
import org.rapport.customer.IdentityKind;
import org.rapport.files.BlobStore;
import org.rapport.shared.AgentId;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.MessageId;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.TeamId;
import org.rapport.shared.TicketId;
import org.rapport.ticket.Attachment;
import org.rapport.ticket.AuthorKind;
import org.rapport.ticket.Direction;
import org.rapport.ticket.Message;
import org.rapport.ticket.MessageKind;
import org.rapport.ticket.NewAttachment;
import org.rapport.ticket.NewMessage;
import org.rapport.ticket.OpenTicket;
import org.rapport.ticket.Priority;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketAuditEntry;
import org.rapport.ticket.TicketChanges;
import org.rapport.ticket.TicketFilter;
import org.rapport.ticket.TicketMerges;
import org.rapport.ticket.TicketPage;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketService;
import org.rapport.ticket.TicketSort;
import org.rapport.ticket.TicketStatus;
import org.springframework.core.io.InputStreamResource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tickets, their messages, merge and split. Tickets outside the caller's teams answer 404. */
@RestController
@RequestMapping("/api/v1/tickets")
class TicketsController {

    private final TicketService tickets;
    private final TicketMerges merges;
    private final TicketQueries queries;
    private final CustomerService customers;
    private final CustomerQueries customerQueries;
    private final BlobStore blobs;
    private final Idempotency idempotency;
    private final ApiProperties properties;

    TicketsController(
            TicketService tickets,
            TicketMerges merges,
            TicketQueries queries,
            CustomerService customers,
            CustomerQueries customerQueries,
            BlobStore blobs,
            Idempotency idempotency,
            ApiProperties properties) {
        this.tickets = tickets;
        this.merges = merges;
        this.queries = queries;
        this.customers = customers;
        this.customerQueries = customerQueries;
        this.blobs = blobs;
        this.idempotency = idempotency;
        this.properties = properties;
    }

    record TicketList(List<TicketJson> items, String nextCursor) {}

    @GetMapping
    TicketList list(
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) List<Long> teamId,
            @RequestParam(required = false) List<String> assigneeId,
            @RequestParam(required = false) Long customerId,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) List<String> channel,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdTo,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant updatedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant updatedTo,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        Caller caller = Requests.caller();
        List<String> assigneeValues = assigneeId == null
                ? List.of()
                : assigneeId.stream()
                        .flatMap(a -> java.util.Arrays.stream(a.split(",")))
                        .map(String::trim)
                        .filter(a -> !a.isEmpty())
                        .toList();
        boolean unassigned = assigneeValues.stream().anyMatch("none"::equalsIgnoreCase);
        Set<AgentId> assignees = assigneeValues.stream()
                .filter(a -> !"none".equalsIgnoreCase(a))
                .map(a -> {
                    try {
                        return new AgentId(Long.parseLong(a));
                    } catch (NumberFormatException e) {
                        throw ApiException.badRequest("assigneeId", "'assigneeId' must be an agent id or 'none'.");
                    }
                })
                .collect(Collectors.toSet());
        TicketFilter filter = new TicketFilter(
                Enums.parse(TicketStatus.class, status, "status"),
                Enums.parse(Priority.class, priority, "priority"),
                teamId == null ? Set.of() : teamId.stream().map(TeamId::new).collect(Collectors.toSet()),
                assignees,
                unassigned,
                customerId == null ? null : new CustomerId(customerId),
                tag == null ? null : tag.trim().toLowerCase(java.util.Locale.ROOT),
                Enums.parse(ChannelKind.class, channel, "channel"),
                createdFrom,
                createdTo,
                updatedFrom,
                updatedTo);
        TicketPage page = queries.list(
                filter,
                Requests.scope(caller),
                TicketSort.parse(sort),
                cursor,
                Requests.limit(limit, properties.maxPageSize()));
        return new TicketList(page.tickets().stream().map(TicketJson::of).toList(), page.nextCursor());
    }

    @PostMapping
    ResponseEntity<?> create(
            @Valid @RequestBody TicketRequests.CreateTicket request,
            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        Caller caller = Requests.caller();
        return idempotency.run(caller, key, "POST /tickets", request, () -> {
            CustomerId customer = customer(request.customer(), caller);
            NewMessage first = message(
                    request.message(),
                    caller,
                    customer,
                    request.channel() == null ? ChannelKind.API : request.channel(),
                    true);
            var opened = tickets.open(
                    new OpenTicket(
                            request.subject(),
                            customer,
                            request.channel() == null ? ChannelKind.API : request.channel(),
                            request.priority(),
                            request.teamId() == null ? null : new TeamId(request.teamId()),
                            request.assigneeId() == null ? null : new AgentId(request.assigneeId()),
                            request.tags(),
                            request.customFields(),
                            first),
                    caller.actor());
            Ticket ticket = opened.ticket();
            return ResponseEntity.created(
                            URI.create("/api/v1/tickets/" + ticket.id().value()))
                    .eTag(Requests.etag(ticket.version()))
                    .body(TicketJson.of(ticket));
        });
    }

    @GetMapping("/{id}")
    ResponseEntity<TicketJson> get(@PathVariable long id) {
        Ticket ticket = queries.get(new TicketId(id), Requests.scope(Requests.caller()));
        return ResponseEntity.ok().eTag(Requests.etag(ticket.version())).body(TicketJson.of(ticket));
    }

    @PatchMapping("/{id}")
    ResponseEntity<TicketJson> update(
            @PathVariable long id,
            @RequestBody TicketRequests.UpdateTicket request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Caller caller = Requests.caller();
        TicketScope scope = Requests.scope(caller);
        TicketId ticketId = new TicketId(id);
        queries.get(ticketId, scope);
        tickets.update(
                ticketId,
                new TicketChanges(
                        request.getSubject(),
                        request.getStatus(),
                        request.getPriority(),
                        request.team() == null ? null : request.team().map(TeamId::new),
                        request.assignee() == null ? null : request.assignee().map(AgentId::new),
                        request.getTags(),
                        request.getCustomFields()),
                Requests.expectedVersion(ifMatch),
                caller.actor());
        Ticket ticket = queries.get(ticketId, TicketScope.ALL);
        return ResponseEntity.ok().eTag(Requests.etag(ticket.version())).body(TicketJson.of(ticket));
    }

    @GetMapping("/{id}/messages")
    List<MessageJson> messages(@PathVariable long id) {
        return queries.messages(new TicketId(id), Requests.scope(Requests.caller())).stream()
                .map(MessageJson::of)
                .toList();
    }

    @PostMapping("/{id}/messages")
    ResponseEntity<?> addMessage(
            @PathVariable long id,
            @Valid @RequestBody TicketRequests.NewMessageRequest request,
            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        Caller caller = Requests.caller();
        Ticket addressed = queries.get(new TicketId(id), Requests.scope(caller));
        // A message to a merged ticket lands on the survivor: the caller must be able to see that one too.
        while (addressed.mergedInto() != null) {
            addressed = queries.get(addressed.mergedInto(), Requests.scope(caller));
        }
        Ticket ticket = addressed;
        return idempotency.run(caller, key, "POST /tickets/" + id + "/messages", request, () -> {
            NewMessage message = message(request, caller, ticket.customer(), null, false);
            var added = tickets.addMessage(ticket.id(), message, request.status(), caller.actor());
            Message created = queries.message(added.message(), TicketScope.ALL).orElseThrow();
            return ResponseEntity.created(
                            URI.create("/api/v1/tickets/" + added.ticket().value() + "/messages/"
                                    + added.message().value()))
                    .body(MessageJson.of(created));
        });
    }

    @GetMapping("/{id}/messages/{messageId}/attachments/{attachmentId}")
    ResponseEntity<InputStreamResource> attachment(
            @PathVariable long id, @PathVariable long messageId, @PathVariable long attachmentId) {
        Message message = queries.message(new MessageId(messageId), Requests.scope(Requests.caller()))
                .filter(m -> m.ticket().value() == id)
                .orElseThrow(() -> new NotFoundException("Message", messageId));
        Attachment attachment = message.attachments().stream()
                .filter(a -> a.id() == attachmentId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
        // Always a download, never rendered by the browser: a customer's HTML or SVG must not run here.
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(attachment.size())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(attachment.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(blobs.open(attachment.sha256())));
    }

    @PostMapping("/{id}/merge")
    ResponseEntity<?> merge(
            @PathVariable long id,
            @Valid @RequestBody TicketRequests.MergeRequest request,
            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        Caller caller = Requests.caller();
        TicketScope scope = Requests.scope(caller);
        queries.get(new TicketId(id), scope);
        queries.get(new TicketId(request.into()), scope);
        return idempotency.run(caller, key, "POST /tickets/" + id + "/merge", request, () -> {
            merges.merge(new TicketId(id), new TicketId(request.into()), caller.actor());
            Ticket survivor = queries.get(new TicketId(request.into()), TicketScope.ALL);
            return ResponseEntity.ok().eTag(Requests.etag(survivor.version())).body(TicketJson.of(survivor));
        });
    }

    @PostMapping("/{id}/messages/{messageId}/split")
    ResponseEntity<?> split(
            @PathVariable long id,
            @PathVariable long messageId,
            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        Caller caller = Requests.caller();
        queries.get(new TicketId(id), Requests.scope(caller));
        return idempotency.run(
                caller, key, "POST /tickets/" + id + "/messages/" + messageId + "/split", Map.of(), () -> {
                    TicketId created = merges.split(new TicketId(id), new MessageId(messageId), caller.actor());
                    Ticket ticket = queries.get(created, TicketScope.ALL);
                    return ResponseEntity.created(URI.create("/api/v1/tickets/" + created.value()))
                            .eTag(Requests.etag(ticket.version()))
                            .body(TicketJson.of(ticket));
                });
    }

    @GetMapping("/{id}/audit")
    List<AuditJson> audit(@PathVariable long id) {
        List<TicketAuditEntry> entries = queries.auditTrail(new TicketId(id), Requests.scope(Requests.caller()));
        return entries.stream()
                .map(e -> new AuditJson(e.id(), e.actor(), e.field(), e.before(), e.after(), e.at()))
                .toList();
    }

    private CustomerId customer(TicketRequests.CustomerRef ref, Caller caller) {
        if (ref.id() != null) {
            customerQueries
                    .find(new CustomerId(ref.id()))
                    .orElseThrow(
                            () -> ApiException.badRequest("customer.id", "customer " + ref.id() + " does not exist."));
            return new CustomerId(ref.id());
        }
        Identity identity;
        if (ref.email() != null) {
            identity = withField("customer.email", () -> IdentityKind.EMAIL.identity(ref.email()));
        } else if (ref.phone() != null) {
            identity = withField("customer.phone", () -> IdentityKind.PHONE.identity(ref.phone()));
        } else {
            throw ApiException.badRequest("customer", "customer needs an 'id', an 'email' or a 'phone'.");
        }
        return customers.findOrCreate(identity, ref.name(), caller.actor());
    }

    private NewMessage message(
            TicketRequests.NewMessageRequest request,
            Caller caller,
            CustomerId customer,
            ChannelKind channel,
            boolean first) {
        String author = request.author() == null
                ? (first ? "customer" : "agent")
                : request.author().trim().toLowerCase(java.util.Locale.ROOT);
        MessageKind kind = request.kind() == null ? MessageKind.REPLY : request.kind();
        List<NewAttachment> attachments = request.attachments() == null
                ? List.of()
                : request.attachments().stream()
                        .map(a -> new NewAttachment(a.fileName(), a.mediaType(), decode(a.contentBase64())))
                        .toList();
        return switch (author) {
            case "customer" -> {
                if (kind == MessageKind.NOTE) {
                    throw ApiException.badRequest("kind", "a customer cannot write an internal note.");
                }
                yield new NewMessage(
                        MessageKind.REPLY,
                        Direction.INBOUND,
                        AuthorKind.CUSTOMER,
                        customer.value(),
                        channel,
                        request.text(),
                        request.html(),
                        attachments);
            }
            case "agent" ->
                new NewMessage(
                        kind,
                        Direction.OUTBOUND,
                        AuthorKind.AGENT,
                        caller.agent().value(),
                        channel,
                        request.text(),
                        request.html(),
                        attachments);
            default -> throw ApiException.badRequest("message.author", "author must be 'agent' or 'customer'.");
        };
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("attachments.contentBase64", "an attachment's content must be Base64.");
        }
    }

    private static Identity withField(String field, java.util.function.Supplier<Identity> parse) {
        try {
            return parse.get();
        } catch (org.rapport.shared.InvalidValueException e) {
            throw ApiException.badRequest(field, e.getMessage());
        }
    }
}
