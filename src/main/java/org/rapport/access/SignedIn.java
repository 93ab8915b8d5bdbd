package org.rapport.access;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** After a good password: forget earlier failures, and send someone with a one-time password to change it. */
class SignedIn extends SavedRequestAwareAuthenticationSuccessHandler {

    private final SignInThrottle throttle;
    private final Credentials credentials;

    SignedIn(SignInThrottle throttle, Credentials credentials) {
        this.throttle = throttle;
        this.credentials = credentials;
        setDefaultTargetUrl("/inbox");
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        throttle.succeeded(authentication.getName());
        if (credentials.mustChange(authentication.getName())) {
            response.sendRedirect(request.getContextPath() + "/account/password?required");
            return;
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
