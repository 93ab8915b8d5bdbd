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

    record AttachmentUpload(
            @NotNull String fileName,
            String mediaType,
            @NotNull String contentBase64) {}

    /**
     * A message. {@code author} is "agent" (the caller, the default) or "customer" (an integration
     * relaying what the customer wrote); {@code status} is set after the message is added.
     */
    record NewMessageRequest(
            MessageKind kind,
            String author,
            String text,
            String html,
            List<@NotNull @Valid AttachmentUpload> attachments,
            TicketStatus status) {}

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

    /**
     * PATCH: absent fields stay as they are; {@code "teamId": null} or {@code "assigneeId": null} clears.
     * A class with setters, because only a setter tells an absent field from an explicit null.
     */
    static final class UpdateTicket {
        private String subject;
        private TicketStatus status;
        private Priority priority;
        private Optional<Long> teamId;
        private Optional<Long> assigneeId;
        private List<String> tags;
        private Map<String, Object> customFields;

        public String getSubject() {
            return subject;
        }

        public void setSubject(String subject) {
            this.subject = subject;
        }

        public TicketStatus getStatus() {
            return status;
        }

        public void setStatus(TicketStatus status) {
            this.status = status;
        }

        public Priority getPriority() {
            return priority;
        }

        public void setPriority(Priority priority) {
            this.priority = priority;
        }

        public Long getTeamId() {
            return teamId == null ? null : teamId.orElse(null);
        }

        public void setTeamId(Long teamId) {
            this.teamId = Optional.ofNullable(teamId);
        }

        public Long getAssigneeId() {
            return assigneeId == null ? null : assigneeId.orElse(null);
        }

        public void setAssigneeId(Long assigneeId) {
            this.assigneeId = Optional.ofNullable(assigneeId);
        }

        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }

        public Map<String, Object> getCustomFields() {
            return customFields;
        }

        public void setCustomFields(Map<String, Object> customFields) {
            this.customFields = customFields;
        }

        /** Null when absent, empty when sent as null. */
        Optional<Long> team() {
            return teamId;
        }

        Optional<Long> assignee() {
            return assigneeId;
        }
    }

    record MergeRequest(@NotNull Long into) {}
}
