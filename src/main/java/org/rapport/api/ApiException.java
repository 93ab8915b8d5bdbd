package org.rapport.api;

import org.springframework.http.HttpStatus;

/** A refusal decided in the API layer itself (missing header, admin only, …), with its problem type. */
class ApiException extends RuntimeException {

    final HttpStatus status;
    final String type;
    final String field;

    ApiException(HttpStatus status, String type, String detail) {
        this(status, type, detail, null);
    }

    ApiException(HttpStatus status, String type, String detail, String field) {
        super(detail);
        this.status = status;
        this.type = type;
        this.field = field;
    }

    static ApiException adminOnly() {
        return new ApiException(HttpStatus.FORBIDDEN, "admin-only", "Only admins may do this.");
    }

    static ApiException badRequest(String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-value", detail, field);
    }
}
