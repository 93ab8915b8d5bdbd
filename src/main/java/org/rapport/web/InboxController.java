package org.rapport.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rapport.access.Caller;
import org.rapport.customer.CustomerQueries;
import org.rapport.shared.AgentId;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.TeamId;
import org.rapport.shared.TicketId;
import org.rapport.ticket.Priority;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketChanges;
import org.rapport.ticket.TicketMerges;
import org.rapport.ticket.TicketPage;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketService;
import org.rapport.ticket.TicketStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The inbox: views with counts, filters, sorting, paging, bulk actions and live reloads. */
@Controller
class InboxController {

    static final int PAGE_SIZE = 50;
    /** Badges count up to this many; beyond it they say "999+". */
    static final int COUNT_CAP = 1000;

    private final TicketQueries tickets;
    private final TicketService service;
    private final TicketMerges merges;
    private final CustomerQueries customers;
    private final SavedViews savedViews;
    private final LiveUpdates live;
    private final Directory directory;

    InboxController(
            TicketQueries tickets,
            TicketService service,
            TicketMerges merges,
            CustomerQueries customers,
            SavedViews savedViews,
            LiveUpdates live,
            Directory directory) {
        this.tickets = tickets;
        this.service = service;
        this.merges = merges;
        this.customers = customers;
        this.savedViews = savedViews;
        this.live = live;
        this.directory = directory;
    }

    @GetMapping("/inbox")
    String inbox(Caller me, @RequestParam MultiValueMap<String, String> parameters, Model model) {
        InboxQuery query = InboxQuery.parse(parameters);
        rows(me, query, parameters.getFirst("cursor"), model);
        model.addAttribute("query", query);
        TicketScope scope = WebConfiguration.scope(me);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String view : InboxQuery.VIEWS) {
            counts.put(view, tickets.count(InboxQuery.ofView(view).filter(me), scope, COUNT_CAP));
        }
        List<SavedViewCount> saved = new ArrayList<>();
        for (SavedViews.SavedView view : savedViews.of(me.agent())) {
            long count;
            try {
                count = tickets.count(
                        InboxQuery.parse(UriQuery.parse(view.query())).filter(me), scope, COUNT_CAP);
            } catch (InvalidValueException e) {
                count = 0;
            }
            saved.add(new SavedViewCount(view, count));
        }
        model.addAttribute("counts", counts);
        model.addAttribute("countCap", COUNT_CAP);
        model.addAttribute("saved", saved);
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("teams", directory.teams());
        model.addAttribute("agents", directory.agents());
        model.addAttribute("channels", ChannelKind.values());
        model.addAttribute("queryParams", UriQuery.parse(query.queryString()));
        return "inbox";
    }

    record SavedViewCount(SavedViews.SavedView view, long count) {}

    /** The rows alone, for the live reload when a ticket changes. */
    @GetMapping("/inbox/rows")
    String rowsOnly(Caller me, @RequestParam MultiValueMap<String, String> parameters, Model model) {
        rows(me, InboxQuery.parse(parameters), parameters.getFirst("cursor"), model);
        return "inbox :: rows";
    }

    private void rows(Caller me, InboxQuery query, String cursor, Model model) {
        TicketPage page =
                tickets.list(query.filter(me), WebConfiguration.scope(me), query.ticketSort(), cursor, PAGE_SIZE);
        List<CustomerId> customerIds =
                page.tickets().stream().map(Ticket::customer).distinct().toList();
        model.addAttribute("query", query);
        model.addAttribute("page", page);
        model.addAttribute("cursor", cursor);
        model.addAttribute("customerNames", names(customers.names(customerIds)));
    }

    private static Map<Long, String> names(Map<CustomerId, String> names) {
        Map<Long, String> byId = new LinkedHashMap<>();
        names.forEach((id, name) -> byId.put(id.value(), name));
        return byId;
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(Caller me, @RequestParam Optional<Long> ticket) {
        if (ticket.isPresent()) {
            // Only pages of tickets the agent may see get their events.
            tickets.get(new TicketId(ticket.get()), WebConfiguration.scope(me));
        }
        return live.subscribe(me, ticket.map(TicketId::new).orElse(null));
    }

    /** The search box: a ticket number opens that ticket; anything else searches customers. */
    @GetMapping("/search")
    String search(Caller me, @RequestParam(defaultValue = "") String q) {
        String text = q.strip();
        if (text.matches("#?\\d{1,18}")) {
            long number = Long.parseLong(text.replace("#", ""));
            Optional<Ticket> ticket = tickets.findByNumber(number)
                    .filter(t -> WebConfiguration.scope(me).covers(t));
            if (ticket.isPresent()) {
                return "redirect:/tickets/" + ticket.get().id().value();
            }
        }
        return "redirect:/customers?q=" + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @PostMapping("/inbox/views")
    String saveView(
            Caller me,
            @RequestParam String name,
            @RequestParam MultiValueMap<String, String> parameters,
            RedirectAttributes flash) {
        InboxQuery query = InboxQuery.parse(parameters);
        savedViews.save(me.agent(), name, query);
        flash.addFlashAttribute("notice", "View '" + name.strip() + "' saved.");
        return "redirect:/inbox?" + query.queryString();
    }

    @PostMapping("/inbox/views/{id}/delete")
    String deleteView(Caller me, @PathVariable long id) {
        savedViews.delete(me.agent(), id);
        return "redirect:/inbox";
    }

    /**
     * One action on the selected tickets: {@code assign:me}, {@code assign:<agent>}, {@code unassign},
     * {@code team:<id>}, {@code status:<status>}, {@code priority:<priority>}, {@code tag:<tag>} (with the tag
     * in {@code tag}), or {@code merge} (all into the oldest selected).
     */
    @PostMapping("/inbox/bulk")
    String bulk(
            Caller me,
            @RequestParam(name = "ticket", required = false) List<Long> ids,
            @RequestParam String action,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false, defaultValue = "") String back,
            RedirectAttributes flash) {
        String target = back.startsWith("/inbox") ? back : "/inbox";
        if (ids == null || ids.isEmpty()) {
            flash.addFlashAttribute("error", "Select at least one ticket first.");
            return "redirect:" + target;
        }
        if (ids.size() > 200) {
            throw new InvalidValueException("ticket", "At most 200 tickets at once.");
        }
        TicketScope scope = WebConfiguration.scope(me);
        List<Ticket> selected = new ArrayList<>();
        for (long id : ids) {
            selected.add(tickets.get(new TicketId(id), scope));
        }
        String[] parts = action.split(":", 2);
        String value = parts.length > 1 ? parts[1] : "";
        switch (parts[0]) {
            case "assign" -> {
                AgentId agent = value.equals("me") ? me.agent() : new AgentId(parse(value));
                selected.forEach(t -> service.update(t.id(), TicketChanges.assign(t.team(), agent), null, me.actor()));
            }
            case "unassign" ->
                selected.forEach(t -> service.update(t.id(), TicketChanges.assign(t.team(), null), null, me.actor()));
            case "team" -> {
                TeamId team = new TeamId(parse(value));
                selected.forEach(t -> service.update(
                        t.id(),
                        new TicketChanges(null, null, null, Optional.of(team), null, null, null),
                        null,
                        me.actor()));
            }
            case "status" -> {
                TicketStatus status = InboxQuery.parseEnum(TicketStatus.class, "status", value);
                selected.forEach(t -> service.update(t.id(), TicketChanges.status(status), null, me.actor()));
            }
            case "priority" -> {
                Priority priority = InboxQuery.parseEnum(Priority.class, "priority", value);
                selected.forEach(t -> service.update(
                        t.id(), new TicketChanges(null, null, priority, null, null, null, null), null, me.actor()));
            }
            case "tag" -> {
                if (tag == null || tag.isBlank()) {
                    throw new InvalidValueException("tag", "Enter the tag to add.");
                }
                selected.forEach(t -> {
                    List<String> tags = new ArrayList<>(t.tags());
                    tags.add(tag.trim());
                    service.update(
                            t.id(), new TicketChanges(null, null, null, null, null, tags, null), null, me.actor());
                });
            }
            case "merge" -> {
                if (selected.size() < 2) {
                    throw new InvalidValueException("ticket", "Select two or more tickets to merge.");
                }
                Ticket survivor = selected.stream()
                        .min(Comparator.comparing(Ticket::number))
                        .orElseThrow();
                selected.stream()
                        .filter(t -> !t.id().equals(survivor.id()))
                        .forEach(t -> merges.merge(t.id(), survivor.id(), me.actor()));
                flash.addFlashAttribute("notice", "Merged into #" + survivor.number() + ".");
                return "redirect:" + target;
            }
            default -> throw new InvalidValueException("action", "Unknown action '" + action + "'.");
        }
        flash.addFlashAttribute(
                "notice", selected.size() + (selected.size() == 1 ? " ticket" : " tickets") + " updated.");
        return "redirect:" + target;
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("action", "'" + value + "' is not an id.");
        }
    }
}
