package org.rapport.api;

import org.rapport.access.Caller;
import org.rapport.access.CurrentCaller;
import org.rapport.ticket.TicketScope;
import org.springframework.http.HttpStatus;

/** What every controller needs from a request: the caller, their ticket scope, versions from If-Match. */
final class Requests {

    private Requests() {}

    static Caller caller() {
        return CurrentCaller.find()
                .orElseThrow(() ->
                        new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in or send an API token."));
    }

    static Caller admin() {
        Caller caller = caller();
        if (!caller.isAdmin()) {
            throw ApiException.adminOnly();
        }
        return caller;
    }

    static TicketScope scope(Caller caller) {
        return TicketScope.of(caller.role(), caller.agent(), caller.teams());
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header names; null when absent or {@code *} (no precondition). */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new ApiException(
                    HttpStatus.PRECONDITION_FAILED,
                    "stale-version",
                    "If-Match must carry an ETag this API handed out, such as \"3\".",
                    "If-Match");
        }
    }

    static int limit(Integer limit, int max) {
        if (limit == null) {
            return Math.min(50, max);
        }
        if (limit < 1 || limit > max) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + max + ".");
        }
        return limit;
    }
}
