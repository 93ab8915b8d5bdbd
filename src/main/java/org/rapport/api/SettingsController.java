package org.rapport.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.rapport.access.ApiToken;
import org.rapport.access.ApiTokens;
import org.rapport.access.Caller;
import org.rapport.access.Scope;
import org.rapport.shared.AgentId;
import org.rapport.shared.NotFoundException;
import org.rapport.ticket.CustomField;
import org.rapport.ticket.CustomFieldType;
import org.rapport.ticket.CustomFields;
import org.rapport.ticket.TicketQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Help-desk settings: tags in use, custom field definitions, API tokens. */
@RestController
class SettingsController {

    private final TicketQueries tickets;
    private final CustomFields customFields;
    private final ApiTokens tokens;
    private final Idempotency idempotency;

    SettingsController(TicketQueries tickets, CustomFields customFields, ApiTokens tokens, Idempotency idempotency) {
        this.tickets = tickets;
        this.customFields = customFields;
        this.tokens = tokens;
        this.idempotency = idempotency;
    }

    record TagJson(String name, long tickets) {}

    record FieldRequest(String key, String label, CustomFieldType type, List<String> choices, Boolean active) {}

    record TokenJson(
            long id,
            long agentId,
            String name,
            String hint,
            List<Scope> scopes,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt) {
        static TokenJson of(ApiToken t) {
            return new TokenJson(
                    t.id(),
                    t.agent().value(),
                    t.name(),
                    t.hint(),
                    List.copyOf(t.scopes()),
                    t.createdAt(),
                    t.lastUsedAt(),
                    t.revokedAt());
        }
    }

    record TokenRequest(
            @NotNull Long agentId,
            @NotNull String name,
            @NotNull List<@NotNull Scope> scopes) {}

    /** The only response that carries a token's secret; a replayed one carries none (it is never stored). */
    record CreatedTokenJson(TokenJson token, String secret) {}

    @GetMapping("/api/v1/tags")
    List<TagJson> tags() {
        Requests.caller();
        return tickets.tagCounts().entrySet().stream()
                .map(e -> new TagJson(e.getKey(), e.getValue()))
                .toList();
    }

    @GetMapping("/api/v1/custom-fields")
    List<CustomField> fields() {
        Requests.caller();
        return customFields.all();
    }

    @PostMapping("/api/v1/custom-fields")
    ResponseEntity<?> defineField(
            @RequestBody FieldRequest request,
            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        Caller caller = Requests.admin();
        return idempotency.run(caller, key, "POST /custom-fields", request, () -> {
            CustomField field = customFields.define(request.key(), request.label(), request.type(), request.choices());
            return ResponseEntity.created(URI.create("/api/v1/custom-fields/" + field.id()))
                    .body(field);
        });
    }

    @PatchMapping("/api/v1/custom-fields/{id}")
    CustomField updateField(@PathVariable long id, @RequestBody FieldRequest request) {
        Requests.admin();
        if (request.key() != null || request.type() != null) {
            throw ApiException.badRequest(
                    request.key() != null ? "key" : "type",
                    "a field's key and type cannot change; define a new field.");
        }
        return customFields.update(id, request.label(), request.choices(), request.active());
    }

    @GetMapping("/api/v1/tokens")
    List<TokenJson> tokens() {
        Requests.admin();
        return tokens.all().stream().map(TokenJson::of).toList();
    }

    @PostMapping("/api/v1/tokens")
    ResponseEntity<?> createToken(
            @Valid @RequestBody TokenRequest request,
            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        Caller caller = Requests.admin();
        return idempotency.run(
                caller,
                key,
                "POST /tokens",
                request,
                () -> {
                    var created = tokens.create(
                            new AgentId(request.agentId()),
                            request.name(),
                            request.scopes().isEmpty()
                                    ? EnumSet.noneOf(Scope.class)
                                    : EnumSet.copyOf(request.scopes()));
                    return ResponseEntity.created(URI.create(
                                    "/api/v1/tokens/" + created.token().id()))
                            .header("Cache-Control", "no-store")
                            .body(new CreatedTokenJson(TokenJson.of(created.token()), created.secret()));
                },
                body -> new CreatedTokenJson(((CreatedTokenJson) body).token(), null));
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    TokenJson revoke(@PathVariable long id) {
        Requests.admin();
        tokens.revoke(id);
        return TokenJson.of(tokens.find(id).orElseThrow(() -> new NotFoundException("Token", id)));
    }
}
