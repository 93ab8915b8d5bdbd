package org.rapport.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rapport.access.Caller;
import org.rapport.customer.Customer;
import org.rapport.customer.CustomerQueries;
import org.rapport.email.EmailOutbox;
import org.rapport.email.EmailQuarantine;
import org.rapport.shared.AgentId;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.MessageId;
import org.rapport.shared.TeamId;
import org.rapport.shared.TicketId;
import org.rapport.ticket.AuthorKind;
import org.rapport.ticket.CustomField;
import org.rapport.ticket.CustomFieldType;
import org.rapport.ticket.CustomFields;
import org.rapport.ticket.Direction;
import org.rapport.ticket.Message;
import org.rapport.ticket.MessageKind;
import org.rapport.ticket.NewAttachment;
import org.rapport.ticket.NewMessage;
import org.rapport.ticket.Priority;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketChanges;
import org.rapport.ticket.TicketFilter;
import org.rapport.ticket.TicketMerges;
import org.rapport.ticket.TicketParticipants;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketService;
import org.rapport.ticket.TicketSort;
import org.rapport.ticket.TicketStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ticket page: the whole conversation, the customer beside it, the ticket's fields, the reply box and
 * the audit trail. A public reply written without having seen the customer's latest message is held until
 * the agent has read it.
 */
@Controller
class TicketPageController {

    static final int MAX_FILES = 10;

    private final TicketQueries tickets;
    private final TicketService service;
    private final TicketMerges merges;
    private final CustomFields fields;
    private final CustomerQueries customers;
    private final EmailQuarantine emails;
    private final EmailOutbox outbox;
    private final TicketParticipants participants;
    private final Directory directory;
    private final LiveUpdates live;
    private final TicketPresence presence;
    private final TicketInsights insights;

    TicketPageController(
            TicketQueries tickets,
            TicketService service,
            TicketMerges merges,
            CustomFields fields,
            CustomerQueries customers,
            EmailQuarantine emails,
            EmailOutbox outbox,
            TicketParticipants participants,
            Directory directory,
            LiveUpdates live,
            TicketPresence presence,
            TicketInsights insights) {
        this.tickets = tickets;
        this.service = service;
        this.merges = merges;
        this.fields = fields;
        this.customers = customers;
        this.emails = emails;
        this.outbox = outbox;
        this.participants = participants;
        this.directory = directory;
        this.live = live;
        this.presence = presence;
        this.insights = insights;
    }

    @GetMapping("/tickets/{id}")
    String page(Caller me, @PathVariable long id, Model model) {
        Ticket ticket = ticket(me, id);
        if (ticket.mergedInto() != null) {
            return "redirect:/tickets/" + ticket.mergedInto().value();
        }
        fill(me, ticket, model);
        return "ticket";
    }

    /** The conversation alone, for the live reload when something happens on the ticket. */
    @GetMapping("/tickets/{id}/timeline")
    String timeline(Caller me, @PathVariable long id, Model model) {
        Ticket ticket = ticket(me, id);
        List<Message> messages = tickets.messages(ticket.id(), WebConfiguration.scope(me));
        model.addAttribute("ticket", ticket);
        model.addAttribute("messages", messages);
        model.addAttribute("originals", originals(messages));
        model.addAttribute(
                "deliveries",
                outbox.deliveries(messages.stream().map(m -> m.id().value()).toList()));
        model.addAttribute("customer", customers.find(ticket.customer()).orElse(null));
        insights.fill(messages, ticket.tags(), model);
        return "ticket :: timeline";
    }

    private void fill(Caller me, Ticket ticket, Model model) {
        TicketScope scope = WebConfiguration.scope(me);
        List<Message> messages = tickets.messages(ticket.id(), scope);
        Customer customer = customers.find(ticket.customer()).orElse(null);
        List<Ticket> others = tickets
                .list(TicketFilter.ofCustomer(ticket.customer()), scope, TicketSort.CREATED_DESC, null, 11)
                .tickets()
                .stream()
                .filter(t -> !t.id().equals(ticket.id()))
                .limit(10)
                .toList();
        model.addAttribute("ticket", ticket);
        model.addAttribute("messages", messages);
        model.addAttribute("originals", originals(messages));
        model.addAttribute(
                "deliveries",
                outbox.deliveries(messages.stream().map(m -> m.id().value()).toList()));
        model.addAttribute("customer", customer);
        model.addAttribute("failing", customer == null ? Map.of() : customers.failing(customer.id()));
        model.addAttribute("others", others);
        model.addAttribute("participants", customers.names(participants.of(ticket.id())));
        model.addAttribute("audit", tickets.auditTrail(ticket.id(), scope));
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("teams", directory.teams());
        model.addAttribute("agents", directory.agents());
        model.addAttribute(
                "fields", fields.all().stream().filter(CustomField::active).toList());
        model.addAttribute(
                "seen", latestCustomerMessage(messages).map(m -> m.id().value()).orElse(0L));
        model.addAttribute("presence", live.presenceHtml(ticket.id(), me));
        insights.fill(messages, ticket.tags(), model);
        insights.fillGuidance(ticket, messages, model);
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", new Draft("", "reply", "", 0L));
        }
    }

    /** The messages that came by email, whose original can be downloaded. */
    private Set<Long> originals(List<Message> messages) {
        return emails.withOriginal(messages.stream()
                .filter(m -> m.direction() == Direction.INBOUND && m.channel() == ChannelKind.EMAIL)
                .map(m -> m.id().value())
                .toList());
    }

    /** What the agent had written when a reply is held: given back unchanged. */
    record Draft(String text, String kind, String statusAfter, long seen) {}

    @PostMapping("/tickets/{id}/reply")
    String reply(
            Caller me,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "reply") String kind,
            @RequestParam(defaultValue = "") String statusAfter,
            @RequestParam(defaultValue = "0") long seen,
            @RequestParam(defaultValue = "false") boolean confirmed,
            @RequestParam(name = "files", required = false) List<MultipartFile> files,
            Model model,
            RedirectAttributes flash)
            throws IOException {
        Ticket ticket = ticket(me, id);
        boolean note = kind.equals("note");
        if (!note && !kind.equals("reply")) {
            throw new InvalidValueException("kind", "A message is a reply or a note.");
        }
        if (text.isBlank()) {
            throw new InvalidValueException("text", "Write something before sending.");
        }
        TicketStatus after =
                statusAfter.isBlank() ? null : InboxQuery.parseEnum(TicketStatus.class, "status", statusAfter);
        List<Message> messages = tickets.messages(ticket.id(), WebConfiguration.scope(me));
        List<Message> unseen = messages.stream()
                .filter(TicketPageController::fromCustomer)
                .filter(m -> m.id().value() > seen)
                .toList();
        if (!note && !unseen.isEmpty() && !confirmed) {
            // Listen first: the customer wrote again after this reply was started.
            fill(me, ticket, model);
            model.addAttribute("held", unseen);
            model.addAttribute(
                    "draft",
                    new Draft(text, kind, statusAfter, unseen.getLast().id().value()));
            return "ticket";
        }
        List<NewAttachment> attachments = attachments(files);
        NewMessage message = new NewMessage(
                note ? MessageKind.NOTE : MessageKind.REPLY,
                Direction.OUTBOUND,
                AuthorKind.AGENT,
                me.agent().value(),
                null,
                text,
                null,
                attachments);
        TicketService.Added added = service.addMessage(ticket.id(), message, after, me.actor());
        presence.typing(ticket.id(), me.agent(), me.agentName(), false);
        flash.addFlashAttribute("notice", note ? "Note added." : "Reply sent.");
        flash.addFlashAttribute("sent", added.message().value());
        return "redirect:/tickets/" + added.ticket().value() + "#message-"
                + added.message().value();
    }

    private static List<NewAttachment> attachments(List<MultipartFile> files) throws IOException {
        List<NewAttachment> attachments = new ArrayList<>();
        if (files == null) {
            return attachments;
        }
        List<MultipartFile> given = files.stream().filter(f -> !f.isEmpty()).toList();
        if (given.size() > MAX_FILES) {
            throw new InvalidValueException("files", "At most " + MAX_FILES + " files per message.");
        }
        for (MultipartFile file : given) {
            String name = file.getOriginalFilename() == null ? "attachment" : file.getOriginalFilename();
            String type = file.getContentType() == null ? "application/octet-stream" : file.getContentType();
            attachments.add(new NewAttachment(name, type, file.getBytes()));
        }
        return attachments;
    }

    private static boolean fromCustomer(Message message) {
        return message.kind() == MessageKind.REPLY
                && message.direction() == Direction.INBOUND
                && message.authorKind() == AuthorKind.CUSTOMER;
    }

    static Optional<Message> latestCustomerMessage(List<Message> messages) {
        return messages.stream().filter(TicketPageController::fromCustomer).reduce((a, b) -> b);
    }

    @PostMapping("/tickets/{id}")
    String update(
            Caller me,
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes flash) {
        Ticket ticket = ticket(me, id);
        TicketStatus status = optional(form, "status")
                .map(s -> InboxQuery.parseEnum(TicketStatus.class, "status", s))
                .orElse(null);
        Priority priority = optional(form, "priority")
                .map(p -> InboxQuery.parseEnum(Priority.class, "priority", p))
                .orElse(null);
        Optional<TeamId> team =
                form.containsKey("team") ? optional(form, "team").map(t -> new TeamId(number("team", t))) : null;
        Optional<AgentId> assignee = form.containsKey("assignee")
                ? optional(form, "assignee").map(a -> new AgentId(number("assignee", a)))
                : null;
        List<String> tags = form.containsKey("tags") ? PageModel.commaList(form.getFirst("tags")) : null;
        Map<String, Object> custom = new LinkedHashMap<>();
        for (CustomField field : fields.all()) {
            String name = "field." + field.key();
            if (form.containsKey(name)) {
                String value = form.getFirst(name);
                custom.put(field.key(), value == null || value.isBlank() ? null : typed(field, value.strip()));
            }
        }
        String subject = optional(form, "subject").orElse(null);
        service.update(
                ticket.id(),
                new TicketChanges(subject, status, priority, team, assignee, tags, custom.isEmpty() ? null : custom),
                version,
                me.actor());
        flash.addFlashAttribute("notice", "Ticket updated.");
        return "redirect:/tickets/" + id;
    }

    private static Object typed(CustomField field, String value) {
        if (field.type() == CustomFieldType.NUMBER) {
            try {
                return new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw new InvalidValueException(field.key(), field.label() + " must be a number.");
            }
        }
        return value;
    }

    @PostMapping("/tickets/{id}/merge")
    String merge(Caller me, @PathVariable long id, @RequestParam String into, RedirectAttributes flash) {
        Ticket ticket = ticket(me, id);
        long number = number("into", into.strip().replaceFirst("^#", ""));
        Ticket survivor = tickets.findByNumber(number)
                .filter(t -> WebConfiguration.scope(me).covers(t))
                .orElseThrow(
                        () -> new InvalidValueException("into", "There is no ticket #" + number + " you can see."));
        merges.merge(ticket.id(), survivor.id(), me.actor());
        flash.addFlashAttribute("notice", "Ticket #" + ticket.number() + " merged into this one.");
        return "redirect:/tickets/" + survivor.id().value();
    }

    @PostMapping("/tickets/{id}/messages/{messageId}/split")
    String split(Caller me, @PathVariable long id, @PathVariable long messageId, RedirectAttributes flash) {
        Ticket ticket = ticket(me, id);
        TicketId created = merges.split(ticket.id(), new MessageId(messageId), me.actor());
        flash.addFlashAttribute("notice", "The message is now a ticket of its own.");
        return "redirect:/tickets/" + created.value();
    }

    @PostMapping("/tickets/{id}/typing")
    @ResponseBody
    ResponseEntity<Void> typing(Caller me, @PathVariable long id, @RequestParam boolean typing) {
        Ticket ticket = ticket(me, id);
        if (presence.typing(ticket.id(), me.agent(), me.agentName(), typing)) {
            live.presenceChanged(ticket.id());
        }
        return ResponseEntity.noContent().build();
    }

    private Ticket ticket(Caller me, long id) {
        return tickets.get(new TicketId(id), WebConfiguration.scope(me));
    }

    private static Optional<String> optional(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static long number(String field, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException(field, "'" + text + "' is not a number.");
        }
    }
}
