package org.rapport.access;

import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.rememberme.TokenBasedRememberMeServices;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Two filter chains: the API (stateless, bearer tokens, no cookies so no CSRF) and everything else (the
 * agent UI with form sign-in, remember-me, CSRF and throttled failures; documentation; health), both with a
 * strict Content-Security-Policy.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** For the agent UI: nothing inline, nothing from elsewhere; frames only our own sandboxed message bodies. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /** The API's browsable documentation (Swagger UI) sets inline styles. */
    static final String DOCS_CSP =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /**
     * One observation per request is enough (Spring MVC records it); one per security filter cost a
     * seventh of the CPU of a ticket create in the load benchmark.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The filter chains exist only in a web server; command-line tasks need the password encoder alone. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    static class Chains {

        @Bean
        @Order(1)
        SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, ProblemResponses problems)
                throws Exception {
            bearerOnly(http.securityMatcher("/api/**"), tokens, problems)
                    // A bearer token or nothing: no anonymous principal, no servlet-API request wrapper.
                    .anonymous(AbstractHttpConfigurer::disable)
                    .servletApi(AbstractHttpConfigurer::disable)
                    .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.GET, "/api/**")
                            .hasAuthority("SCOPE_READ")
                            .requestMatchers(HttpMethod.HEAD, "/api/**")
                            .hasAuthority("SCOPE_READ")
                            // Computations that change nothing: a read token may ask them.
                            .requestMatchers(HttpMethod.POST, "/api/v1/analysis", "/api/v1/guidance/check")
                            .hasAuthority("SCOPE_READ")
                            .anyRequest()
                            .hasAuthority("SCOPE_WRITE"))
                    .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                                response.setHeader("WWW-Authenticate", "Bearer");
                                problems.write(
                                        request,
                                        response,
                                        ProblemResponses.problem(
                                                HttpStatus.UNAUTHORIZED,
                                                "unauthenticated",
                                                "This API needs an API token: send 'Authorization: Bearer <token>'."));
                            })
                            .accessDeniedHandler((request, response, ex) -> problems.write(
                                    request,
                                    response,
                                    ProblemResponses.problem(
                                            HttpStatus.FORBIDDEN,
                                            "scope",
                                            "This token's scope does not allow " + request.getMethod()
                                                    + " requests: it needs the 'write' scope."))))
                    .headers(h -> h.contentSecurityPolicy(
                            c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
            return http.build();
        }

        /**
         * Monitoring: probes need no token and learn only up or down; health details and metrics need an API
         * token with the read scope. (The servlet request wrapper stays on here: health decides on details
         * from the request's principal.)
         */
        @Bean
        @Order(0)
        SecurityFilterChain monitoringSecurity(HttpSecurity http, ApiTokens tokens, ProblemResponses problems)
                throws Exception {
            bearerOnly(http.securityMatcher("/actuator/**"), tokens, problems)
                    .authorizeHttpRequests(
                            a -> a.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                                    .permitAll()
                                    .requestMatchers(HttpMethod.GET, "/actuator/**")
                                    .hasAuthority("SCOPE_READ")
                                    .anyRequest()
                                    .denyAll())
                    .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                        response.setHeader("WWW-Authenticate", "Bearer");
                        response.sendError(HttpStatus.UNAUTHORIZED.value());
                    }));
            return http.build();
        }

        /** What the API and monitoring chains share: a bearer token per request, no session, no forms. */
        private static HttpSecurity bearerOnly(HttpSecurity http, ApiTokens tokens, ProblemResponses problems)
                throws Exception {
            return http.csrf(AbstractHttpConfigurer::disable)
                    .formLogin(AbstractHttpConfigurer::disable)
                    .httpBasic(AbstractHttpConfigurer::disable)
                    .logout(AbstractHttpConfigurer::disable)
                    .requestCache(AbstractHttpConfigurer::disable)
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .addFilterBefore(new ApiTokenFilter(tokens, problems), UsernamePasswordAuthenticationFilter.class);
        }

        /** After sign-in, back to the page asked for, without Spring's {@code ?continue} marker in the URL. */
        private static HttpSessionRequestCache cleanReturnUrls() {
            HttpSessionRequestCache cache = new HttpSessionRequestCache();
            cache.setMatchingRequestParameterName(null);
            return cache;
        }

        @Bean
        @Order(2)
        SecurityFilterChain pageSecurity(
                HttpSecurity http,
                UserDetailsService accounts,
                RememberMeKey rememberMeKey,
                SignInThrottle throttle,
                Credentials credentials)
                throws Exception {
            TokenBasedRememberMeServices rememberMe = new TokenBasedRememberMeServices(rememberMeKey.get(), accounts);
            rememberMe.setTokenValiditySeconds((int) Duration.ofDays(14).toSeconds());
            rememberMe.setParameter("remember-me");
            http.authorizeHttpRequests(a -> a.requestMatchers(
                                    "/login",
                                    "/css/**",
                                    "/js/**",
                                    "/webjars/**",
                                    "/favicon.ico",
                                    "/error",
                                    "/api-docs",
                                    "/api-docs/**",
                                    "/v3/api-docs/**",
                                    "/swagger-ui/**")
                            .permitAll()
                            .requestMatchers("/admin/**")
                            .hasRole("ADMIN")
                            .anyRequest()
                            .authenticated())
                    .formLogin(f -> f.loginPage("/login")
                            .successHandler(new SignedIn(throttle, credentials))
                            .failureHandler((request, response, ex) -> {
                                throttle.failed(request.getParameter("username"), request.getRemoteAddr());
                                response.sendRedirect(request.getContextPath() + "/login?error");
                            })
                            .permitAll())
                    .addFilterBefore(new SignInGate(throttle), UsernamePasswordAuthenticationFilter.class)
                    .rememberMe(r -> r.rememberMeServices(rememberMe))
                    .requestCache(c -> c.requestCache(cleanReturnUrls()))
                    .logout(l -> l.logoutUrl("/logout")
                            .logoutSuccessUrl("/login?signedOut")
                            .deleteCookies("JSESSIONID", "remember-me"))
                    .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                    .exceptionHandling(e -> e.authenticationEntryPoint(new SignInEntryPoint()))
                    .headers(h -> h.frameOptions(f -> f.sameOrigin()).addHeaderWriter((request, response) -> {
                        if (!response.containsHeader("Content-Security-Policy")) {
                            String path = request.getRequestURI();
                            response.setHeader(
                                    "Content-Security-Policy",
                                    path.startsWith("/swagger-ui") || path.startsWith("/api-docs") ? DOCS_CSP : CSP);
                        }
                    }));
            return http.build();
        }
    }
}
