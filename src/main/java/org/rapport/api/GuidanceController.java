package org.rapport.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.rapport.access.Caller;
import org.rapport.guidance.Assessment;
import org.rapport.guidance.Assessments;
import org.rapport.guidance.BusinessCalendars;
import org.rapport.guidance.Commitment;
import org.rapport.guidance.Commitments;
import org.rapport.guidance.Guidance;
import org.rapport.guidance.Policies;
import org.rapport.guidance.Policy;
import org.rapport.guidance.PolicyDraft;
import org.rapport.guidance.ReplyCheck;
import org.rapport.guidance.TicketAssessment;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.TicketId;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reply guidance: the reply check, accountability policies (admins change them, each change a new version),
 * complaint assessments and the promises made on tickets.
 */
@RestController
class GuidanceController {

    record CheckRequest(
            @NotNull @Size(max = 20_000) String draft,
            @Size(max = 100_000) String customerMessage,
            @Size(max = 30) String assessment,
            @Size(max = 20) List<Long> policyIds,
            Long teamId) {}

    record PolicyRequest(
            @Size(max = 50) String key,
            String name,
            String complaintKind,
            @Size(max = 50) List<String> keywords,
            BigDecimal refundMax,
            Integer refundDays,
            @Size(max = 10) Set<String> remedies,
            BigDecimal supervisorAbove,
            String wording) {
        PolicyDraft draft() {
            return new PolicyDraft(
                    name, complaintKind, keywords, refundMax, refundDays, remedies, supervisorAbove, wording);
        }
    }

    record AssessmentRequest(
            @NotNull @Size(max = 30) String verdict,
            @Size(max = 2000) String reason,
            Long policyId) {}

    record CommitmentRequest(@Size(max = 20) String state, Instant dueAt) {}

    private final Guidance guidance;
    private final Policies policies;
    private final Assessments assessments;
    private final Commitments commitments;
    private final BusinessCalendars calendars;
    private final TicketQueries tickets;

    GuidanceController(
            Guidance guidance,
            Policies policies,
            Assessments assessments,
            Commitments commitments,
            BusinessCalendars calendars,
            TicketQueries tickets) {
        this.guidance = guidance;
        this.policies = policies;
        this.assessments = assessments;
        this.commitments = commitments;
        this.calendars = calendars;
        this.tickets = tickets;
    }

    @PostMapping("/api/v1/guidance/check")
    ReplyCheck check(@Valid @RequestBody CheckRequest request) {
        Requests.caller();
        List<Policy> applying = request.policyIds() == null ? List.of() : policies.get(request.policyIds());
        return guidance.check(
                request.draft(),
                request.customerMessage(),
                verdict(request.assessment()),
                applying,
                calendars.of(request.teamId() == null ? null : new org.rapport.shared.TeamId(request.teamId())));
    }

    @GetMapping("/api/v1/guidance/policies")
    List<Policy> policies() {
        Requests.caller();
        return policies.current();
    }

    @GetMapping("/api/v1/guidance/policies/{key}/versions")
    List<Policy> versions(@PathVariable String key) {
        Requests.caller();
        List<Policy> versions = policies.versions(key);
        if (versions.isEmpty()) {
            throw new NotFoundException("Policy", key);
        }
        return versions;
    }

    @PostMapping("/api/v1/guidance/policies")
    ResponseEntity<Policy> create(@Valid @RequestBody PolicyRequest request) {
        Caller admin = Requests.admin();
        Policy created = policies.create(request.key(), request.draft(), admin.agent());
        return ResponseEntity.created(URI.create("/api/v1/guidance/policies/" + created.key() + "/versions"))
                .body(created);
    }

    @PutMapping("/api/v1/guidance/policies/{key}")
    Policy revise(@PathVariable String key, @Valid @RequestBody PolicyRequest request) {
        Caller admin = Requests.admin();
        return policies.revise(key, request.draft(), admin.agent());
    }

    @DeleteMapping("/api/v1/guidance/policies/{key}")
    ResponseEntity<Void> retire(@PathVariable String key) {
        Caller admin = Requests.admin();
        policies.retire(key, admin.agent());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/tickets/{id}/assessment")
    TicketAssessment assessment(@PathVariable long id) {
        Ticket ticket = visible(id);
        return assessments.of(ticket.id());
    }

    @PutMapping("/api/v1/tickets/{id}/assessment")
    TicketAssessment assess(@PathVariable long id, @Valid @RequestBody AssessmentRequest request) {
        Caller caller = Requests.caller();
        Ticket ticket = visible(id);
        return assessments.set(
                ticket.id(), verdict(request.verdict()), request.reason(), request.policyId(), caller.actor());
    }

    @GetMapping("/api/v1/tickets/{id}/commitments")
    List<Commitment> ticketCommitments(@PathVariable long id) {
        return commitments.of(visible(id).id());
    }

    @PatchMapping("/api/v1/commitments/{id}")
    Commitment change(@PathVariable long id, @Valid @RequestBody CommitmentRequest request) {
        Caller caller = Requests.caller();
        Commitment c = commitments.get(id);
        if (tickets.find(c.ticket(), Requests.scope(caller)).isEmpty()) {
            throw new NotFoundException("Commitment", id);
        }
        if (request.dueAt() != null) {
            commitments.correct(id, request.dueAt(), caller.actor());
        }
        if (request.state() != null) {
            commitments.close(id, request.state(), caller.actor());
        }
        return commitments.get(id);
    }

    private Ticket visible(long id) {
        Caller caller = Requests.caller();
        return tickets.get(new TicketId(id), Requests.scope(caller));
    }

    private static Assessment verdict(String value) {
        try {
            return Assessment.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("assessment", e.getMessage());
        }
    }
}
