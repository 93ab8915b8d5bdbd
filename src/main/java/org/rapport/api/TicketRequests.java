package org.rapport.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rapport.shared.ChannelKind;
import org.rapport.ticket.MessageKind;
import org.rapport.ticket.Priority;
import org.rapport.ticket.TicketStatus;

/** Request bodies of the ticket endpoints. */
final class TicketRequests {

    private TicketRequests() {}

    /** The customer of a new ticket: an existing id, or an email/phone to find or create them by. */
    record CustomerRef(Long id, String email, String phone, String name) {}

    record AttachmentUpload(@NotNull String fileName, String mediaType, @NotNull String contentBase64) {}

    /**
     * A message. {@code author} is "agent" (the caller, the default) or "customer" (an integration
     * relaying what the customer wrote); {@code status} is set after the message is added.
     */
    record NewMessageRequest(
            MessageKind kind, String author, String text, String html, List<@Valid AttachmentUpload> attachments, TicketStatus status) {}

    record CreateTicket(
            String subject,
            @NotNull @Valid CustomerRef customer,
            ChannelKind channel,
            Priority priority,
            Long teamId,
            Long assigneeId,
            List<String> tags,
            Map<String, Object> customFields,
            @NotNull @Valid NewMessageRequest message) {}

    /** PATCH: absent fields stay; {@code "teamId": null} or {@code "assigneeId": null} clears. */
    record UpdateTicket(
            String subject,
            TicketStatus status,
            Priority priority,
            Optional<Long> teamId,
            Optional<Long> assigneeId,
            List<String> tags,
            Map<String, Object> customFields) {}

    record MergeRequest(@NotNull Long into) {}
}
