package org.rapport.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A {@code Server-Timing: app;dur=…} header on the pages agents wait for (inbox, ticket, customer), the time
 * from request to rendered page: what the render benchmark reads, and what a browser's dev tools show.
 * The page is buffered so the header can follow the render; pages are small, streams and downloads are left
 * alone.
 */
@Component
class ServerTiming extends OncePerRequestFilter {

    private static final Pattern TIMED = Pattern.compile("/inbox|/inbox/rows|/tickets/\\d+|/customers(/\\d+)?");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod().toUpperCase(Locale.ROOT))
                || !TIMED.matcher(request.getRequestURI()
                                .substring(request.getContextPath().length()))
                        .matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, buffered);
        } finally {
            double millis = (System.nanoTime() - start) / 1_000_000.0;
            if (!response.isCommitted()) {
                response.setHeader("Server-Timing", String.format(Locale.ROOT, "app;dur=%.1f", millis));
            }
            buffered.copyBodyToResponse();
        }
    }
}
