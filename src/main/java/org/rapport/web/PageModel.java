package org.rapport.web;

import org.rapport.access.Caller;
import org.rapport.access.SignedInCallers;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: the signed-in agent ({@code me}), or null on the sign-in page. */
@ControllerAdvice(basePackages = "org.rapport.web")
class PageModel {

    private final SignedInCallers callers;

    PageModel(SignedInCallers callers) {
        this.callers = callers;
    }

    @ModelAttribute("me")
    Caller me() {
        return callers.of(SecurityContextHolder.getContext().getAuthentication())
                .orElse(null);
    }

    /** "a, b, ,c" as [a, b, c]: how forms take lists of tags and choices. */
    static java.util.List<String> commaList(String text) {
        return text == null
                ? java.util.List.of()
                : java.util.Arrays.stream(text.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
