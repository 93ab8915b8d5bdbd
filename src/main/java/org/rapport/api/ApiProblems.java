package org.rapport.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.rapport.access.ProblemResponses;
import org.rapport.shared.ConflictException;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.StaleVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every refusal into an RFC 9457 problem with a precise {@code detail} and, where one field is
 * at fault, its name in {@code field}. Bad input is a 4xx, never a 500.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidValueException e) {
        return respond(HttpStatus.BAD_REQUEST, "invalid-value", e.getMessage(), e.field());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return respond(HttpStatus.NOT_FOUND, "not-found", e.getMessage() + ".", null);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return respond(HttpStatus.CONFLICT, "conflict", e.getMessage(), null);
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ProblemDetail> stale(StaleVersionException e) {
        return respond(HttpStatus.PRECONDITION_FAILED, "stale-version", e.getMessage(), null);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return respond(e.status, e.type, e.getMessage(), e.field);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> parameterType(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : describe(e.getRequiredType());
        return respond(
                HttpStatus.BAD_REQUEST,
                "invalid-value",
                "'" + e.getName() + "' must be " + expected + ", not '" + abbreviate(String.valueOf(e.getValue()))
                        + "'.",
                e.getName());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        if (e.getMostSpecificCause() instanceof java.sql.SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22")) {
            // SQL class 22 is "data exception": a value PostgreSQL cannot take (NUL byte, out-of-range date).
            return respond(
                    HttpStatus.BAD_REQUEST,
                    "invalid-value",
                    "A value in the request cannot be stored or searched: " + abbreviate(sql.getMessage()),
                    null);
        }
        log.info(
                "Refused a change that breaks a database constraint: {}",
                e.getMostSpecificCause().getMessage());
        return respond(HttpStatus.CONFLICT, "conflict", "The change conflicts with existing data.", null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return widen(respond(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", tooLarge.getMessage(), null));
            }
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return widen(respond(
                    HttpStatus.BAD_REQUEST,
                    "unknown-field",
                    "Unknown field '" + field + "'. Known fields here: " + unknown.getKnownPropertyIds() + ".",
                    field));
        }
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
            return widen(respond(
                    HttpStatus.BAD_REQUEST, "wrong-type", "Field '" + field + "' must be " + expected + ".", field));
        }
        if (cause instanceof StreamReadException parse) {
            String where = parse.getLocation() == null
                    ? ""
                    : " at line " + parse.getLocation().getLineNr() + ", column "
                            + parse.getLocation().getColumnNr();
            return widen(respond(
                    HttpStatus.BAD_REQUEST, "malformed-json", "The body is not valid JSON" + where + ".", null));
        }
        if (cause instanceof JacksonException other && !other.getPath().isEmpty()) {
            String field = path(other);
            return widen(respond(
                    HttpStatus.BAD_REQUEST,
                    "invalid-value",
                    "Field '" + field + "' is not valid: " + abbreviate(other.getOriginalMessage()),
                    field));
        }
        if (cause instanceof InvalidValueException invalid) {
            return widen(respond(HttpStatus.BAD_REQUEST, "invalid-value", invalid.getMessage(), invalid.field()));
        }
        return widen(respond(
                HttpStatus.BAD_REQUEST, "malformed-json", "A JSON body is required and must be valid JSON.", null));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        String first = errors.isEmpty() ? null : errors.getFirst().get("field");
        String detail = errors.isEmpty()
                ? "The request is not valid."
                : "Field '" + first + "' " + errors.getFirst().get("message") + ".";
        ResponseEntity<ProblemDetail> response = respond(HttpStatus.BAD_REQUEST, "invalid-value", detail, first);
        response.getBody().setProperty("errors", errors);
        return widen(response);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || problem.getType().equals(URI.create("about:blank")))) {
            problem.setType(URI.create(ProblemResponses.TYPE_BASE + "http-" + status.value()));
        }
        return response;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return respond(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side; it has been logged.",
                null);
    }

    static ResponseEntity<ProblemDetail> respond(HttpStatus status, String type, String detail, String field) {
        ProblemDetail problem = ProblemResponses.problem(status, type, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                            .toList();
        }
        if (Number.class.isAssignableFrom(type) || type == long.class || type == int.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "an ISO-8601 date-time such as 2026-01-31T09:30:00Z";
        }
        if (type == java.util.Optional.class) {
            return "a value or null";
        }
        return "an object";
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
