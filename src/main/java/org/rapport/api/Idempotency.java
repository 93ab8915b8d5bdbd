package org.rapport.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.rapport.access.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on POST: the key is claimed in the same transaction that does the work, so a
 * concurrent retry waits on the unique index until the first commits and then gets the first's
 * response; if the first fails, nothing was claimed and a retry does the work. Keys live 24 hours.
 */
@Component
class Idempotency {

    static final String HEADER = "Idempotency-Key";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    Idempotency(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    ResponseEntity<?> run(Caller caller, String key, String route, Object request, Supplier<ResponseEntity<?>> action) {
        return run(caller, key, route, request, action, body -> body);
    }

    /** As above; {@code stored} turns the body into what may be kept and replayed (never a secret). */
    ResponseEntity<?> run(
            Caller caller,
            String key,
            String route,
            Object request,
            Supplier<ResponseEntity<?>> action,
            UnaryOperator<Object> stored) {
        if (key == null) {
            return transactions.execute(status -> action.get());
        }
        if (key.isBlank() || key.length() > 200 || !key.matches("[\\x21-\\x7e]+")) {
            throw ApiException.badRequest(HEADER, "Idempotency-Key must be 1–200 printable characters without spaces.");
        }
        String requestHash = sha256(route + "\n" + json.writeValueAsString(request));
        return transactions.execute(status -> {
            int claimed = jdbc.sql("""
                    INSERT INTO api_idempotency (principal, key, request_hash) VALUES (?, ?, ?)
                    ON CONFLICT (principal, key) DO NOTHING""").params(caller.key(), key, requestHash).update();
            if (claimed == 0) {
                return replay(caller, key, requestHash);
            }
            ResponseEntity<?> response = action.get();
            jdbc.sql(
                            "UPDATE api_idempotency SET status = ?, location = ?, etag = ?, body = ? WHERE principal = ? AND key = ?")
                    .params(
                            response.getStatusCode().value(),
                            response.getHeaders().getFirst(HttpHeaders.LOCATION),
                            response.getHeaders().getETag(),
                            response.getBody() == null
                                    ? null
                                    : json.writeValueAsString(stored.apply(response.getBody())),
                            caller.key(),
                            key)
                    .update();
            return response;
        });
    }

    private ResponseEntity<?> replay(Caller caller, String key, String requestHash) {
        record Stored(String requestHash, int status, String location, String etag, String body) {}
        Stored stored = jdbc.sql(
                        "SELECT request_hash, status, location, etag, body FROM api_idempotency WHERE principal = ? AND key = ?")
                .params(caller.key(), key)
                .query((rs, n) ->
                        new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .single();
        if (!stored.requestHash().equals(requestHash)) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency-key-reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request.",
                    HEADER);
        }
        var builder = ResponseEntity.status(stored.status()).header("Idempotent-Replayed", "true");
        if (stored.location() != null) {
            builder.header(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            builder.eTag(stored.etag());
        }
        return stored.body() == null
                ? builder.build()
                : builder.contentType(MediaType.APPLICATION_JSON).body(stored.body());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOldKeys() {
        jdbc.sql("DELETE FROM api_idempotency WHERE created_at < now() - interval '24 hours'")
                .update();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
