package org.rapport.email;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rapport.files.BlobStore;
import org.rapport.files.StoredBlob;
import org.rapport.mail.InboundSink;
import org.rapport.mail.ParsedMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where every way in (SMTP, IMAP, POP3, import) hands over raw bytes. The bytes and their row are
 * committed before this returns, so the caller may acknowledge (SMTP 250, IMAP delete) only after it.
 * The message is processed at once, mostly in the same transaction; a row stored but not processed
 * (a crash, a failure) is processed again by {@link EmailRecoveryJob}.
 */
@Service
public class EmailIntake implements InboundSink {

    // The Message-ID header, unfolded, read from the raw bytes before any parsing: the dedupe key must
    // exist even for a message the parser will refuse.
    private static final Pattern MESSAGE_ID =
            Pattern.compile("(?im)^message-id:[ \\t]*(?:\\r?\\n[ \\t]+)?<([^<>\\s]{1,995})>");

    private static final Logger log = LoggerFactory.getLogger(EmailIntake.class);

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final TransactionTemplate transactions;
    private final EmailProcessor processor;

    EmailIntake(JdbcClient jdbc, BlobStore blobs, TransactionTemplate transactions, EmailProcessor processor) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.transactions = transactions;
        this.processor = processor;
    }

    /** What became of a handed-over message: stored as {@code id}, or a duplicate of {@code id}. */
    public record Receipt(long id, boolean duplicate) {}

    @Override
    public void accept(String mailbox, String source, byte[] raw) {
        receive(mailbox, source, raw);
    }

    /**
     * Stores and processes the message. Usually both commit together: the row, its blob and the ticket
     * message in one transaction, parsed before it. A message the parser refuses, or whose processing
     * fails, takes the careful path instead: its row is committed on its own first, then it is processed,
     * retried or quarantined as before. Either way the bytes are committed before this returns.
     */
    public Receipt receive(String mailbox, String source, byte[] raw) {
        Optional<ParsedMail> parsed = processor.parse(raw);
        if (parsed.isPresent()) {
            try {
                return transactions.execute(status -> {
                    Receipt receipt = store(mailbox, source, raw);
                    if (!receipt.duplicate()) {
                        processor.handleInserted(receipt.id(), mailbox, parsed.get());
                    }
                    return receipt;
                });
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // Rolled back, row included: the careful path below stores it and processes, retries or
                // quarantines it, and logs what it finds.
                log.info("Email from {} takes the careful path: {}", source, e.toString());
            }
        }
        Receipt receipt = transactions.execute(status -> store(mailbox, source, raw));
        if (!receipt.duplicate()) {
            processor.process(receipt.id(), mailbox, raw);
        }
        return receipt;
    }

    private Receipt store(String mailbox, String source, byte[] raw) {
        StoredBlob blob = blobs.store(raw);
        String key = dedupeKey(raw, blob.sha256());
        Optional<Long> id = jdbc.sql("""
                INSERT INTO email_inbound (dedupe_key, mailbox, source, sha256, size, state)
                VALUES (?, ?, ?, ?, ?, 'RECEIVED') ON CONFLICT (dedupe_key) DO NOTHING RETURNING id""")
                .params(key, mailbox, source, blob.sha256(), blob.size())
                .query(Long.class)
                .optional();
        if (id.isPresent()) {
            return new Receipt(id.get(), false);
        }
        long existing = jdbc.sql("SELECT id FROM email_inbound WHERE dedupe_key = ?")
                .param(key)
                .query(Long.class)
                .single();
        return new Receipt(existing, true);
    }

    static String dedupeKey(byte[] raw, String sha256) {
        int headerEnd = headerEnd(raw);
        Matcher m = MESSAGE_ID.matcher(new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1));
        if (m.find()) {
            return "mid:" + m.group(1);
        }
        // Without a Message-ID the bytes are the identity, but not our own trace line on top: it carries the
        // time of each delivery, and a retransmission must still be recognised.
        int ours = ourReceivedHeader(raw);
        return ours == 0 ? "sha256:" + sha256 : "sha256:" + sha256(raw, ours);
    }

    /** The length of the Received header our SMTP receiver put first (marked "(Rapport)"), or 0. */
    static int ourReceivedHeader(byte[] raw) {
        byte[] start = "Received: ".getBytes(StandardCharsets.US_ASCII);
        if (raw.length < start.length || !java.util.Arrays.equals(raw, 0, start.length, start, 0, start.length)) {
            return 0;
        }
        for (int i = 0; i + 2 < raw.length && i < 2048; i++) {
            // The header ends at a line break not followed by folding white space.
            if (raw[i] == '\n' && raw[i + 1] != ' ' && raw[i + 1] != '\t') {
                String header = new String(raw, 0, i + 1, StandardCharsets.US_ASCII);
                return header.contains(" with SMTP (Rapport) id ") ? i + 1 : 0;
            }
        }
        return 0;
    }

    private static String sha256(byte[] raw, int from) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(raw, from, raw.length - from);
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int headerEnd(byte[] raw) {
        for (int i = 0; i + 3 < raw.length && i < 256 * 1024; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                return i;
            }
            if (raw[i] == '\n' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return Math.min(raw.length, 256 * 1024);
    }
}
