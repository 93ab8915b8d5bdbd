package org.rapport.web;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rapport.access.AdminTasks;
import org.rapport.access.ApiTokens;
import org.rapport.access.Caller;
import org.rapport.access.CreatedToken;
import org.rapport.access.Scope;
import org.rapport.access.SignedInCallers;
import org.rapport.agent.Agent;
import org.rapport.agent.AgentDetails;
import org.rapport.agent.AgentQueries;
import org.rapport.agent.AgentService;
import org.rapport.agent.Role;
import org.rapport.email.EmailQuarantine;
import org.rapport.email.InboundEmail;
import org.rapport.shared.AgentId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.TeamId;
import org.rapport.ticket.CustomFieldType;
import org.rapport.ticket.CustomFields;
import org.rapport.ticket.TicketQueries;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin pages: agents (invite, role, teams, deactivate, password reset), teams, API tokens, custom fields,
 * tags and the email quarantine. Only admins reach them (the security rules guard {@code /admin/**}).
 */
@Controller
class AdminController {

    private final AgentQueries agents;
    private final AgentService agentService;
    private final AdminTasks adminTasks;
    private final ApiTokens tokens;
    private final SignedInCallers callers;
    private final CustomFields fields;
    private final TicketQueries tickets;
    private final EmailQuarantine quarantine;
    private final Downloads downloads;
    private final Directory directory;

    AdminController(
            AgentQueries agents,
            AgentService agentService,
            AdminTasks adminTasks,
            ApiTokens tokens,
            SignedInCallers callers,
            CustomFields fields,
            TicketQueries tickets,
            EmailQuarantine quarantine,
            Downloads downloads,
            Directory directory) {
        this.agents = agents;
        this.agentService = agentService;
        this.adminTasks = adminTasks;
        this.tokens = tokens;
        this.callers = callers;
        this.fields = fields;
        this.tickets = tickets;
        this.quarantine = quarantine;
        this.downloads = downloads;
        this.directory = directory;
    }

    @GetMapping("/admin")
    String admin() {
        return "redirect:/admin/agents";
    }

    @GetMapping("/admin/agents")
    String agents(Caller me, Model model) {
        model.addAttribute("agents", agents.all());
        model.addAttribute("teams", agents.teams());
        model.addAttribute("roles", Role.values());
        return "admin/agents";
    }

    @PostMapping("/admin/agents")
    String invite(
            Caller me,
            @RequestParam String email,
            @RequestParam String name,
            @RequestParam String role,
            @RequestParam(name = "team", required = false) List<Long> teams,
            RedirectAttributes flash) {
        AgentId agent = agentService.create(new AgentDetails(
                email, name, InboxQuery.parseEnum(Role.class, "role", role), teamIds(teams), null, null, true));
        Agent created = agents.find(agent).orElseThrow();
        String password = adminTasks.resetPassword(created.email(), null);
        changed();
        flash.addFlashAttribute(
                "secret",
                new Secret(
                        "One-time password for " + created.email(),
                        password,
                        "They choose their own at first sign-in."));
        return "redirect:/admin/agents";
    }

    /** A secret shown exactly once, after it was made. */
    record Secret(String label, String value, String hint) {}

    @PostMapping("/admin/agents/{id}")
    String updateAgent(
            Caller me,
            @PathVariable long id,
            @RequestParam String name,
            @RequestParam String role,
            @RequestParam(name = "team", required = false) List<Long> teams,
            @RequestParam(defaultValue = "false") boolean active,
            RedirectAttributes flash) {
        AgentId agent = new AgentId(id);
        if (agent.equals(me.agent()) && (!active || !role.equalsIgnoreCase("admin"))) {
            throw new InvalidValueException("role", "You cannot deactivate yourself or give up your own admin role.");
        }
        agentService.update(
                agent,
                new AgentDetails(
                        null,
                        name,
                        InboxQuery.parseEnum(Role.class, "role", role),
                        teamIds(teams),
                        null,
                        null,
                        active));
        changed();
        flash.addFlashAttribute("notice", "Agent saved.");
        return "redirect:/admin/agents";
    }

    @PostMapping("/admin/agents/{id}/password")
    String resetPassword(Caller me, @PathVariable long id, RedirectAttributes flash) {
        Agent agent = agents.find(new AgentId(id)).orElseThrow(() -> new NotFoundException("Agent", id));
        String password = adminTasks.resetPassword(agent.email(), null);
        flash.addFlashAttribute(
                "secret",
                new Secret(
                        "New one-time password for " + agent.email(),
                        password,
                        "They choose their own at next sign-in."));
        return "redirect:/admin/agents";
    }

    @GetMapping("/admin/teams")
    String teams(Caller me, Model model) {
        model.addAttribute("teams", agents.teams());
        return "admin/teams";
    }

    @PostMapping("/admin/teams")
    String createTeam(Caller me, @RequestParam String name, RedirectAttributes flash) {
        agentService.createTeam(name);
        changed();
        flash.addFlashAttribute("notice", "Team created.");
        return "redirect:/admin/teams";
    }

    @PostMapping("/admin/teams/{id}")
    String renameTeam(Caller me, @PathVariable long id, @RequestParam String name, RedirectAttributes flash) {
        agentService.renameTeam(new TeamId(id), name);
        changed();
        flash.addFlashAttribute("notice", "Team renamed.");
        return "redirect:/admin/teams";
    }

    @GetMapping("/admin/tokens")
    String tokens(Caller me, Model model) {
        model.addAttribute("tokens", tokens.all());
        return "admin/tokens";
    }

    @PostMapping("/admin/tokens")
    String createToken(
            Caller me,
            @RequestParam String name,
            @RequestParam(name = "scope", required = false) List<String> scopes,
            RedirectAttributes flash) {
        Set<Scope> granted = EnumSet.noneOf(Scope.class);
        (scopes == null || scopes.isEmpty() ? List.of("read") : scopes).forEach(s -> granted.add(Scope.parse(s)));
        CreatedToken created = tokens.create(me.agent(), name, granted);
        flash.addFlashAttribute(
                "secret",
                new Secret(
                        "API token '" + created.token().name() + "'",
                        created.secret(),
                        "Copy it now: it is stored only as a hash and cannot be shown again."));
        return "redirect:/admin/tokens";
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revokeToken(Caller me, @PathVariable long id, RedirectAttributes flash) {
        tokens.find(id).orElseThrow(() -> new NotFoundException("API token", id));
        tokens.revoke(id);
        flash.addFlashAttribute("notice", "Token revoked.");
        return "redirect:/admin/tokens";
    }

    @GetMapping("/admin/fields")
    String fields(Caller me, Model model) {
        model.addAttribute("fields", fields.all());
        model.addAttribute("types", CustomFieldType.values());
        return "admin/fields";
    }

    @PostMapping("/admin/fields")
    String defineField(
            Caller me,
            @RequestParam String key,
            @RequestParam String label,
            @RequestParam String type,
            @RequestParam(defaultValue = "") String choices,
            RedirectAttributes flash) {
        fields.define(
                key, label, InboxQuery.parseEnum(CustomFieldType.class, "type", type), PageModel.commaList(choices));
        flash.addFlashAttribute("notice", "Field added.");
        return "redirect:/admin/fields";
    }

    @PostMapping("/admin/fields/{id}")
    String updateField(
            Caller me,
            @PathVariable long id,
            @RequestParam String label,
            @RequestParam(defaultValue = "") String choices,
            @RequestParam(defaultValue = "false") boolean active,
            RedirectAttributes flash) {
        fields.find(id).orElseThrow(() -> new NotFoundException("Custom field", id));
        fields.update(id, label, choices.isBlank() ? null : PageModel.commaList(choices), active);
        flash.addFlashAttribute("notice", "Field saved.");
        return "redirect:/admin/fields";
    }

    @GetMapping("/admin/tags")
    String tags(Caller me, Model model) {
        model.addAttribute("tags", tickets.tagCounts());
        return "admin/tags";
    }

    @GetMapping("/admin/quarantine")
    String quarantine(Caller me, Model model) {
        model.addAttribute("emails", quarantine.list(200));
        model.addAttribute("total", quarantine.count());
        return "admin/quarantine";
    }

    @PostMapping("/admin/quarantine/{id}/retry")
    String retry(Caller me, @PathVariable long id, RedirectAttributes flash) {
        InboundEmail email = quarantine.retry(id);
        flash.addFlashAttribute(
                "notice",
                email.state() == InboundEmail.State.QUARANTINED
                        ? "Still refused: " + email.reason()
                        : "Taken in" + (email.ticketId() == null ? "." : " on ticket " + email.ticketId() + "."));
        return "redirect:/admin/quarantine";
    }

    @PostMapping("/admin/quarantine/{id}/discard")
    String discard(Caller me, @PathVariable long id, RedirectAttributes flash) {
        quarantine.discard(id);
        flash.addFlashAttribute("notice", "Discarded. The raw bytes stay in storage.");
        return "redirect:/admin/quarantine";
    }

    @GetMapping("/admin/quarantine/{id}/raw")
    ResponseEntity<InputStreamResource> raw(Caller me, @PathVariable long id) {
        InboundEmail email = quarantine.find(id).orElseThrow(() -> new NotFoundException("Email", id));
        return downloads.of("message-" + id + ".eml", email.size(), email.sha256());
    }

    private void changed() {
        callers.forget();
        tokens.forgetCachedCallers();
        directory.refresh();
    }

    private static Set<TeamId> teamIds(List<Long> teams) {
        Set<TeamId> ids = new HashSet<>();
        if (teams != null) {
            teams.forEach(t -> ids.add(new TeamId(t)));
        }
        return ids;
    }
}
