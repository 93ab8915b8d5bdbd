package org.rapport.access;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Someone not signed in goes to the sign-in page; htmx fragments and event streams get a 401 with
 * {@code HX-Redirect} instead, since a redirect would swap the sign-in page into a fragment.
 */
class SignInEntryPoint implements AuthenticationEntryPoint {

    private final LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint("/login");

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException, ServletException {
        String accept = request.getHeader("Accept");
        if (request.getHeader("HX-Request") != null || (accept != null && accept.contains("text/event-stream"))) {
            response.setHeader("HX-Redirect", request.getContextPath() + "/login");
            response.sendError(HttpStatus.UNAUTHORIZED.value());
            return;
        }
        page.commence(request, response, ex);
    }
}
