package org.rapport.web;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rapport.access.Caller;
import org.rapport.agent.Team;
import org.rapport.guidance.BusinessCalendars;
import org.rapport.guidance.BusinessHours;
import org.rapport.guidance.Policies;
import org.rapport.guidance.PolicyDraft;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.TeamId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin: the accountability policies (each change a new version) and each team's business hours. */
@Controller
class AdminPoliciesController {

    private final Policies policies;
    private final BusinessCalendars calendars;
    private final Directory directory;

    AdminPoliciesController(Policies policies, BusinessCalendars calendars, Directory directory) {
        this.policies = policies;
        this.calendars = calendars;
        this.directory = directory;
    }

    @GetMapping("/admin/policies")
    String page(Model model) {
        model.addAttribute("policies", policies.current());
        Map<Team, BusinessHours> hours = new LinkedHashMap<>();
        for (Team team : directory.teams()) {
            hours.put(team, calendars.of(team.id()));
        }
        model.addAttribute("hours", hours);
        model.addAttribute("standardHours", calendars.standard());
        model.addAttribute("weekdays", java.time.DayOfWeek.values());
        return "admin/policies";
    }

    @PostMapping("/admin/policies")
    String create(
            Caller me, @RequestParam String key, @RequestParam Map<String, String> form, RedirectAttributes flash) {
        policies.create(key, draft(form), me.agent());
        flash.addFlashAttribute("notice", "Policy added.");
        return "redirect:/admin/policies";
    }

    @PostMapping("/admin/policies/{key}")
    String revise(
            Caller me, @PathVariable String key, @RequestParam Map<String, String> form, RedirectAttributes flash) {
        policies.revise(key, draft(form), me.agent());
        flash.addFlashAttribute("notice", "Policy saved as a new version.");
        return "redirect:/admin/policies";
    }

    @PostMapping("/admin/policies/{key}/retire")
    String retire(Caller me, @PathVariable String key, RedirectAttributes flash) {
        policies.retire(key, me.agent());
        flash.addFlashAttribute("notice", "Policy retired.");
        return "redirect:/admin/policies";
    }

    @PostMapping("/admin/hours/{team}")
    String hours(
            @PathVariable long team,
            @RequestParam String zone,
            @RequestParam(name = "day", required = false) List<String> days,
            @RequestParam String opens,
            @RequestParam String closes,
            RedirectAttributes flash) {
        calendars.set(
                new TeamId(team),
                zone,
                days == null ? "" : String.join(",", days),
                time("opens", opens),
                time("closes", closes));
        flash.addFlashAttribute("notice", "Business hours saved.");
        return "redirect:/admin/policies";
    }

    static PolicyDraft draft(Map<String, String> form) {
        return new PolicyDraft(
                form.get("name"),
                form.get("complaintKind"),
                PageModel.commaList(form.get("keywords")),
                amount("refundMax", form.get("refundMax")),
                days(form.get("refundDays")),
                Set.copyOf(PageModel.commaList(form.get("remedies"))),
                amount("supervisorAbove", form.get("supervisorAbove")),
                form.get("wording"));
    }

    private static BigDecimal amount(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(field, "an amount like 50 or 49.90");
        }
    }

    private static Integer days(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("refundDays", "a whole number of days");
        }
    }

    private static LocalTime time(String field, String value) {
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, "a time like 09:00");
        }
    }
}
