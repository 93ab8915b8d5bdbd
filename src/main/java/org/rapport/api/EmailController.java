package org.rapport.api;

import java.util.List;
import org.rapport.email.EmailIntake;
import org.rapport.email.EmailQuarantine;
import org.rapport.email.InboundEmail;
import org.rapport.files.BlobStore;
import org.rapport.mail.Mbox;
import org.rapport.mail.ReceiverProperties;
import org.rapport.shared.MessageId;
import org.rapport.shared.NotFoundException;
import org.rapport.ticket.TicketQueries;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The email channel for admins: import a raw message, see what was received and what is quarantined,
 * retry or discard it, download the original bytes.
 */
@RestController
class EmailController {

    private final EmailIntake intake;
    private final EmailQuarantine quarantine;
    private final ReceiverProperties properties;
    private final BlobStore blobs;
    private final TicketQueries tickets;

    EmailController(
            EmailIntake intake,
            EmailQuarantine quarantine,
            ReceiverProperties properties,
            BlobStore blobs,
            TicketQueries tickets) {
        this.tickets = tickets;
        this.intake = intake;
        this.quarantine = quarantine;
        this.properties = properties;
        this.blobs = blobs;
    }

    record ImportResult(boolean duplicate, InboundEmail email) {}

    /** Imports one raw RFC 5322 message (the body, as {@code message/rfc822}) as if it had arrived by SMTP. */
    @PostMapping(
            path = "/api/v1/email/messages",
            consumes = {"message/rfc822", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<ImportResult> importMessage(
            @RequestBody byte[] raw, @RequestParam(required = false) String mailbox) {
        Requests.admin();
        if (raw.length == 0) {
            throw ApiException.badRequest("body", "the body must be a raw email message (.eml)");
        }
        var receipt = intake.receive(
                mailbox == null ? properties.defaultMailbox() : mailbox.trim().toLowerCase(java.util.Locale.ROOT),
                "import",
                raw);
        InboundEmail email = quarantine.find(receipt.id()).orElseThrow();
        return ResponseEntity.status(receipt.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new ImportResult(receipt.duplicate(), email));
    }

    record MboxImport(int messages, int duplicates, List<InboundEmail> emails) {}

    /** Imports every message of an mbox file ({@code application/mbox}), each as if it had arrived by SMTP. */
    @PostMapping(path = "/api/v1/email/mbox", consumes = "application/mbox")
    ResponseEntity<MboxImport> importMbox(@RequestBody byte[] mbox, @RequestParam(required = false) String mailbox) {
        Requests.admin();
        List<byte[]> messages = Mbox.split(mbox);
        if (messages.isEmpty()) {
            throw ApiException.badRequest("body", "the body is not an mbox file: no line starts with 'From '");
        }
        String target =
                mailbox == null ? properties.defaultMailbox() : mailbox.trim().toLowerCase(java.util.Locale.ROOT);
        int duplicates = 0;
        List<InboundEmail> emails = new java.util.ArrayList<>();
        for (byte[] raw : messages) {
            var receipt = intake.receive(target, "import", raw);
            duplicates += receipt.duplicate() ? 1 : 0;
            emails.add(quarantine.find(receipt.id()).orElseThrow());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new MboxImport(messages.size(), duplicates, emails));
    }

    @GetMapping("/api/v1/email/messages/{id}")
    InboundEmail message(@PathVariable long id) {
        Requests.admin();
        return quarantine.find(id).orElseThrow(() -> new NotFoundException("Email", id));
    }

    @GetMapping("/api/v1/email/messages/{id}/raw")
    ResponseEntity<InputStreamResource> raw(@PathVariable long id) {
        Requests.admin();
        InboundEmail email = quarantine.find(id).orElseThrow(() -> new NotFoundException("Email", id));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("message-" + id + ".eml")
                                .build()
                                .toString())
                .body(new InputStreamResource(blobs.open(email.sha256())));
    }

    /** The original email behind a ticket message, for every agent who can see the ticket. */
    @GetMapping("/api/v1/tickets/{ticketId}/messages/{messageId}/original")
    ResponseEntity<InputStreamResource> original(@PathVariable long ticketId, @PathVariable long messageId) {
        tickets.message(new MessageId(messageId), Requests.scope(Requests.caller()))
                .filter(m -> m.ticket().value() == ticketId)
                .orElseThrow(() -> new NotFoundException("Message", messageId));
        InboundEmail email = quarantine
                .findByTicketMessage(messageId)
                .orElseThrow(() -> new NotFoundException("Original email of message", messageId));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("message-" + messageId + ".eml")
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(blobs.open(email.sha256())));
    }

    @GetMapping("/api/v1/email/quarantine")
    List<InboundEmail> quarantined(@RequestParam(required = false) Integer limit) {
        Requests.admin();
        return quarantine.list(Requests.limit(limit, 500));
    }

    @PostMapping("/api/v1/email/quarantine/{id}/retry")
    InboundEmail retry(@PathVariable long id) {
        Requests.admin();
        return quarantine.retry(id);
    }

    @PostMapping("/api/v1/email/quarantine/{id}/discard")
    InboundEmail discard(@PathVariable long id) {
        Requests.admin();
        return quarantine.discard(id);
    }
}
