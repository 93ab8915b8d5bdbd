package org.rapport.web;

import org.rapport.access.Caller;
import org.rapport.shared.MessageId;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.TicketId;
import org.rapport.ticket.AuthorKind;
import org.rapport.ticket.Message;
import org.rapport.ticket.TicketNotices;
import org.rapport.ticket.TicketQueries;
import org.rapport.wellbeing.AbuseShield;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Revealing a masked passage (logged), and the agent's notices. */
@Controller
class ShieldController {

    private final TicketQueries tickets;
    private final AbuseShield shield;
    private final TicketNotices notices;

    ShieldController(TicketQueries tickets, AbuseShield shield, TicketNotices notices) {
        this.tickets = tickets;
        this.shield = shield;
        this.notices = notices;
    }

    /** The whole text of a customer's message, after the reveal is written to the audit trail. */
    @PostMapping("/tickets/{t}/messages/{m}/reveal")
    String reveal(Caller me, @PathVariable long t, @PathVariable long m, Model model) {
        Message message = tickets.message(new MessageId(m), WebConfiguration.scope(me))
                .filter(found -> found.ticket().value() == t && found.authorKind() == AuthorKind.CUSTOMER)
                .orElseThrow(() -> new NotFoundException("Message", m));
        shield.revealed(new TicketId(t), message.id(), me.agent(), me.agentName());
        model.addAttribute("message", message);
        return "ticket :: revealed";
    }

    @GetMapping("/notices")
    String notices(Caller me, Model model) {
        model.addAttribute("notices", notices.unread(me.agent(), 100));
        return "notices";
    }

    @PostMapping("/notices/{id}/read")
    String read(Caller me, @PathVariable long id) {
        notices.markRead(me.agent(), id);
        return "redirect:/notices";
    }

    @PostMapping("/notices/read")
    String readAll(Caller me) {
        notices.markAllRead(me.agent());
        return "redirect:/notices";
    }
}
