package org.rapport.web;

import java.util.List;
import org.rapport.access.Caller;
import org.rapport.access.SignedInCallers;
import org.rapport.ticket.TicketScope;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Page handlers take the signed-in agent as a {@link Caller} parameter. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final SignedInCallers callers;

    WebConfiguration(SignedInCallers callers) {
        this.callers = callers;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class
                        && parameter
                                .getContainingClass()
                                .getPackageName()
                                .equals(WebConfiguration.class.getPackageName());
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer container,
                    NativeWebRequest request,
                    WebDataBinderFactory binders) {
                return callers.of(SecurityContextHolder.getContext().getAuthentication())
                        .orElseThrow(() -> new InsufficientAuthenticationException("no active agent is signed in"));
            }
        });
    }

    static TicketScope scope(Caller caller) {
        return TicketScope.of(caller.role(), caller.agent(), caller.teams());
    }
}
