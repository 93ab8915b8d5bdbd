package org.rapport.web;

import java.util.List;
import org.rapport.agent.AgentQueries;
import org.rapport.shared.AgentId;
import org.rapport.wellbeing.ShieldSettings;
import org.rapport.wellbeing.ShieldSettingsStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin: where abusive tickets go and the boundary reply. Only admins reach /admin/**. */
@Controller
class AdminShieldController {

    private final ShieldSettingsStore settings;
    private final AgentQueries agents;

    AdminShieldController(ShieldSettingsStore settings, AgentQueries agents) {
        this.settings = settings;
        this.agents = agents;
    }

    @GetMapping("/admin/shield")
    String page(Model model) {
        model.addAttribute("settings", settings.get());
        model.addAttribute("agents", agents.all());
        return "admin/shield";
    }

    @PostMapping("/admin/shield")
    String save(
            @RequestParam(defaultValue = "false") boolean route,
            @RequestParam(name = "handler", required = false) List<Long> handlers,
            @RequestParam(defaultValue = "") String macro,
            RedirectAttributes flash) {
        settings.change(new ShieldSettings(
                route,
                handlers == null
                        ? List.of()
                        : handlers.stream().map(AgentId::new).toList(),
                macro));
        flash.addFlashAttribute("notice", "Abuse shield saved.");
        return "redirect:/admin/shield";
    }
}
