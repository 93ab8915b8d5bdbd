package org.rapport.web;

import java.nio.charset.StandardCharsets;
import org.rapport.access.Caller;
import org.rapport.email.EmailQuarantine;
import org.rapport.email.InboundEmail;
import org.rapport.shared.MessageId;
import org.rapport.shared.NotFoundException;
import org.rapport.ticket.Attachment;
import org.rapport.ticket.Message;
import org.rapport.ticket.TicketQueries;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What a ticket's messages carry, served safely: HTML bodies for a sandboxed frame, attachments and
 * original emails as downloads only.
 */
@Controller
class TicketFilesController {

    private final TicketQueries tickets;
    private final Downloads downloads;
    private final EmailQuarantine emails;

    TicketFilesController(TicketQueries tickets, Downloads downloads, EmailQuarantine emails) {
        this.tickets = tickets;
        this.downloads = downloads;
        this.emails = emails;
    }

    /**
     * An HTML email body on its own, for a sandboxed frame: no scripts, no forms, and no remote images
     * unless the agent asks (a remote image tells the sender the mail was read).
     */
    @GetMapping("/tickets/{id}/messages/{messageId}/body")
    ResponseEntity<String> body(
            Caller me,
            @PathVariable long id,
            @PathVariable long messageId,
            @RequestParam(defaultValue = "false") boolean images) {
        Message message = message(me, id, messageId);
        if (message.html() == null) {
            throw new NotFoundException("HTML body of message", messageId);
        }
        String document = "<!doctype html><html><head><meta charset=\"utf-8\"><base target=\"_blank\">"
                + "<style>body{font-family:system-ui,sans-serif;font-size:14px;margin:8px;color:#1b1f24;"
                + "background:#fff;word-wrap:break-word}img{max-width:100%}</style></head><body>"
                + message.html() + "</body></html>";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src data:" + (images ? " https: http:" : "")
                                + "; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox allow-popups")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .body(document);
    }

    @GetMapping("/tickets/{id}/messages/{messageId}/attachments/{attachmentId}")
    ResponseEntity<InputStreamResource> attachment(
            Caller me, @PathVariable long id, @PathVariable long messageId, @PathVariable long attachmentId) {
        Attachment attachment = message(me, id, messageId).attachments().stream()
                .filter(a -> a.id() == attachmentId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
        // Always a download, never rendered here: a customer's HTML or SVG must not run in our origin.
        return downloads.of(attachment.fileName(), attachment.size(), attachment.sha256());
    }

    /** The email exactly as it arrived, one click from the stripped text the timeline shows. */
    @GetMapping("/tickets/{id}/messages/{messageId}/original")
    ResponseEntity<InputStreamResource> original(Caller me, @PathVariable long id, @PathVariable long messageId) {
        message(me, id, messageId);
        InboundEmail email = emails.findByTicketMessage(messageId)
                .orElseThrow(() -> new NotFoundException("Original email of message", messageId));
        return downloads.of("message-" + messageId + ".eml", email.size(), email.sha256());
    }

    private Message message(Caller me, long ticketId, long messageId) {
        return tickets.message(new MessageId(messageId), WebConfiguration.scope(me))
                .filter(m -> m.ticket().value() == ticketId
                        || (m.originalTicket() != null && m.originalTicket().value() == ticketId))
                .orElseThrow(() -> new NotFoundException("Message", messageId));
    }
}
