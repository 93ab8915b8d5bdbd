package org.rapport.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rapport.access.Caller;
import org.rapport.access.CurrentCaller;
import org.rapport.access.ProblemResponses;
import org.rapport.mail.MailLimits;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits applied to every API request before a controller sees it: the body size (refused early by
 * Content-Length, and again while streaming for chunked bodies) and the per-token rate.
 */
@Configuration(proxyBeanMethods = false)
class ApiFilters {

    /** Runs before security so that an oversized body is refused without work. */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(
            ApiProperties properties, MailLimits mail, ProblemResponses problems) {
        // Raw mail comes as big as the mail limits allow; an mbox holds many such messages.
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(
                path -> path.startsWith("/api/v1/email/mbox")
                        ? 4 * mail.maxMessageBytes()
                        : path.startsWith("/api/v1/email/messages")
                                ? mail.maxMessageBytes()
                                : properties.maxBodyBytes(),
                problems));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(-200);
        return registration;
    }

    /** Runs after security (order -100) so that it knows the caller. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(ApiProperties properties, ProblemResponses problems) {
        var registration = new FilterRegistrationBean<>(new RateLimitFilter(properties, problems));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);
        return registration;
    }

    static final class BodyLimitFilter extends OncePerRequestFilter {

        private final java.util.function.ToLongFunction<String> limits;
        private final ProblemResponses problems;

        BodyLimitFilter(java.util.function.ToLongFunction<String> limits, ProblemResponses problems) {
            this.limits = limits;
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long limit = limits.applyAsLong(request.getRequestURI());
            if (request.getContentLengthLong() > limit) {
                problems.write(
                        request,
                        response,
                        ProblemResponses.problem(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "body-too-large",
                                "The request body is larger than " + limit + " bytes."));
                return;
            }
            // With a declared length the container reads no further; only a chunked body needs counting.
            chain.doFilter(request.getContentLengthLong() < 0 ? new LimitedRequest(request, limit) : request, response);
        }
    }

    static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream inner = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = inner.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = inner.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws BodyTooLargeException {
                        read += n;
                        if (read > limit) {
                            throw new BodyTooLargeException(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return inner.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return inner.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        inner.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }

    /** A token bucket per caller: {@code rateLimitPerSecond} sustained, {@code rateLimitBurst} at once. */
    static final class RateLimitFilter extends OncePerRequestFilter {

        private static final int MAX_BUCKETS = 100_000;

        private final ApiProperties properties;
        private final ProblemResponses problems;
        private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

        RateLimitFilter(ApiProperties properties, ProblemResponses problems) {
            this.properties = properties;
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Caller caller = CurrentCaller.find().orElse(null);
            if (caller == null) {
                chain.doFilter(request, response);
                return;
            }
            if (buckets.size() > MAX_BUCKETS) {
                buckets.clear();
            }
            Bucket bucket = buckets.computeIfAbsent(
                    caller.key(),
                    k -> Bucket.builder()
                            .addLimit(Bandwidth.builder()
                                    .capacity(properties.rateLimitBurst())
                                    .refillGreedy(properties.rateLimitPerSecond(), Duration.ofSeconds(1))
                                    .build())
                            .build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            response.setHeader("RateLimit-Limit", Long.toString(properties.rateLimitBurst()));
            response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            if (!probe.isConsumed()) {
                long seconds = Math.max(
                        1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
                response.setHeader("Retry-After", Long.toString(seconds));
                problems.write(
                        request,
                        response,
                        ProblemResponses.problem(
                                HttpStatus.TOO_MANY_REQUESTS,
                                "rate-limited",
                                "This token sent more than " + properties.rateLimitPerSecond()
                                        + " requests per second; retry after " + seconds + " s."));
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
