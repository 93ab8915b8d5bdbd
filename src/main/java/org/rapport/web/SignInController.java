package org.rapport.web;

import org.rapport.access.Caller;
import org.rapport.access.Credentials;
import org.rapport.shared.InvalidValueException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The sign-in page and the agent's own password. */
@Controller
class SignInController {

    private final Credentials credentials;

    SignInController(Credentials credentials) {
        this.credentials = credentials;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/inbox";
    }

    @GetMapping("/account/password")
    String passwordForm(Caller me, Model model) {
        return "account-password";
    }

    @PostMapping("/account/password")
    String changePassword(
            Caller me,
            @RequestParam String current,
            @RequestParam String password,
            @RequestParam String repeat,
            RedirectAttributes flash) {
        if (!credentials.matches(me.agent(), current)) {
            throw new InvalidValueException("current", "The current password is not right.");
        }
        if (!password.equals(repeat)) {
            throw new InvalidValueException("repeat", "The two new passwords differ.");
        }
        credentials.change(me.agent(), password);
        flash.addFlashAttribute("notice", "Your password is changed.");
        return "redirect:/inbox";
    }
}
