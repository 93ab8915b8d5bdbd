package org.rapport.web;

import java.util.List;
import org.rapport.access.Caller;
import org.rapport.customer.Customer;
import org.rapport.customer.CustomerDetails;
import org.rapport.customer.CustomerQueries;
import org.rapport.customer.CustomerService;
import org.rapport.customer.IdentityKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.NotFoundException;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketFilter;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketSort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Customers: search, one customer's page with their timeline across tickets, edit, identities, merge. */
@Controller
class CustomerPagesController {

    static final int PAGE_SIZE = 50;

    private final CustomerQueries customers;
    private final CustomerService service;
    private final TicketQueries tickets;

    private final TicketInsights insights;

    CustomerPagesController(
            CustomerQueries customers, CustomerService service, TicketQueries tickets, TicketInsights insights) {
        this.customers = customers;
        this.service = service;
        this.tickets = tickets;
        this.insights = insights;
    }

    @GetMapping("/customers")
    String list(
            Caller me,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) Long before,
            Model model) {
        if (q.length() > 200) {
            throw new InvalidValueException("q", "A search has at most 200 characters.");
        }
        List<Customer> found = customers.search(q, before, PAGE_SIZE + 1);
        model.addAttribute("q", q);
        model.addAttribute("customers", found.stream().limit(PAGE_SIZE).toList());
        model.addAttribute(
                "next", found.size() > PAGE_SIZE ? found.get(PAGE_SIZE - 1).id().value() : null);
        return "customers";
    }

    @GetMapping("/customers/{id}")
    String page(Caller me, @PathVariable long id, Model model) {
        Customer customer = find(id);
        if (customer.merged()) {
            return "redirect:/customers/" + customer.mergedInto().value();
        }
        TicketScope scope = WebConfiguration.scope(me);
        List<Ticket> theirs = tickets.list(
                        TicketFilter.ofCustomer(customer.id()), scope, TicketSort.CREATED_DESC, null, 50)
                .tickets();
        model.addAttribute("customer", customer);
        model.addAttribute("failing", customers.failing(customer.id()));
        model.addAttribute("tickets", theirs);
        var timeline = tickets.customerTimeline(customer.id(), scope, 100);
        model.addAttribute("timeline", timeline);
        // The abuse shield holds here as on the ticket page.
        model.addAttribute("insights", insights.insightsOf(timeline));
        model.addAttribute("identityKinds", IdentityKind.values());
        model.addAttribute("audit", customers.auditTrail(customer.id()));
        return "customer";
    }

    @PostMapping("/customers/{id}")
    String update(
            Caller me,
            @PathVariable long id,
            @RequestParam long version,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String organization,
            @RequestParam(defaultValue = "") String language,
            @RequestParam(defaultValue = "") String timeZone,
            @RequestParam(defaultValue = "") String notes,
            @RequestParam(defaultValue = "") String tags,
            RedirectAttributes flash) {
        find(id);
        List<String> tagList = PageModel.commaList(tags);
        service.update(
                new CustomerId(id),
                new CustomerDetails(name, organization, language, timeZone, notes, tagList),
                version,
                me.actor());
        flash.addFlashAttribute("notice", "Customer saved.");
        return "redirect:/customers/" + id;
    }

    @PostMapping("/customers/{id}/identities")
    String addIdentity(
            Caller me,
            @PathVariable long id,
            @RequestParam String kind,
            @RequestParam String value,
            RedirectAttributes flash) {
        find(id);
        service.addIdentity(new CustomerId(id), IdentityKind.parse(kind).identity(value), me.actor());
        flash.addFlashAttribute("notice", "Identity added.");
        return "redirect:/customers/" + id;
    }

    @PostMapping("/customers/{id}/identities/remove")
    String removeIdentity(
            Caller me,
            @PathVariable long id,
            @RequestParam String kind,
            @RequestParam String value,
            RedirectAttributes flash) {
        find(id);
        service.removeIdentity(new CustomerId(id), IdentityKind.parse(kind).identity(value), me.actor());
        flash.addFlashAttribute("notice", "Identity removed.");
        return "redirect:/customers/" + id;
    }

    @PostMapping("/customers/{id}/merge")
    String merge(Caller me, @PathVariable long id, @RequestParam String into, RedirectAttributes flash) {
        find(id);
        long survivor;
        try {
            survivor = Long.parseLong(into.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("into", "Give the number of the customer to merge into.");
        }
        find(survivor);
        service.merge(new CustomerId(id), new CustomerId(survivor), me.actor());
        flash.addFlashAttribute("notice", "Customers merged: their tickets and identities are here now.");
        return "redirect:/customers/" + survivor;
    }

    private Customer find(long id) {
        return customers.find(new CustomerId(id)).orElseThrow(() -> new NotFoundException("Customer", id));
    }
}
