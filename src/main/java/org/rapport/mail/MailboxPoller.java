package org.rapport.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the configured IMAP and POP3 mailboxes. A message is marked as taken (IMAP UID watermark, POP3
 * UIDL) and deleted from the server only after the {@link InboundSink} stored it. A new UIDVALIDITY
 * reads the folder again from the start; the sink's Message-ID dedupe makes that harmless. One
 * unreachable mailbox never stops the others.
 */
@Component
class MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final ReceiverProperties properties;
    private final InboundSink sink;
    private final JdbcClient jdbc;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    MailboxPoller(ReceiverProperties properties, InboundSink sink, JdbcClient jdbc) {
        this.properties = properties;
        this.sink = sink;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${rapport.mail.poll-interval:PT30S}", initialDelayString = "PT1S")
    void pollAll() {
        for (ReceiverProperties.Mailbox mailbox : properties.mailboxes()) {
            try {
                poll(mailbox);
            } catch (MessagingException | IOException | RuntimeException e) {
                log.warn(
                        "Polling {} ({}://{}) failed; will try again: {}",
                        mailbox.address(),
                        mailbox.protocolName(),
                        mailbox.host(),
                        e.toString());
            }
        }
    }

    /** One poll of a mailbox at a time, whether the schedule or an IDLE notice asked for it. */
    void poll(ReceiverProperties.Mailbox mailbox) throws MessagingException, IOException {
        ReentrantLock lock = locks.computeIfAbsent(mailbox.address(), a -> new ReentrantLock());
        lock.lock();
        try {
            pollNow(mailbox);
        } finally {
            lock.unlock();
        }
    }

    static Session session() {
        Properties settings = new Properties();
        for (String p : new String[] {"imap", "imaps", "pop3", "pop3s"}) {
            settings.put("mail." + p + ".connectiontimeout", "10000");
            settings.put("mail." + p + ".timeout", "60000");
        }
        settings.put("mail.imap.peek", "true");
        settings.put("mail.imaps.peek", "true");
        return Session.getInstance(settings);
    }

    static Store connect(ReceiverProperties.Mailbox mailbox) throws MessagingException {
        Store store = session().getStore(mailbox.protocolName());
        store.connect(mailbox.host(), mailbox.port() == null ? -1 : mailbox.port(), mailbox.user(), mailbox.password());
        return store;
    }

    private void pollNow(ReceiverProperties.Mailbox mailbox) throws MessagingException, IOException {
        String protocol = mailbox.protocolName();
        try (Store store = connect(mailbox)) {
            Folder folder = store.getFolder(mailbox.folder());
            boolean delete = !mailbox.keepOnServer();
            folder.open(delete ? Folder.READ_WRITE : Folder.READ_ONLY);
            try {
                if (protocol.startsWith("pop3")) {
                    pollPop3(mailbox, (POP3Folder) folder, delete);
                } else {
                    pollImap(mailbox, folder, delete);
                }
            } finally {
                folder.close(delete);
            }
        }
    }

    private void pollImap(ReceiverProperties.Mailbox mailbox, Folder folder, boolean delete)
            throws MessagingException, IOException {
        UIDFolder uids = (UIDFolder) folder;
        long validity = uids.getUIDValidity();
        long last = jdbc.sql("SELECT last_uid FROM mail_mailbox_state WHERE mailbox = ? AND uid_validity = ?")
                .params(mailbox.address(), validity)
                .query(Long.class)
                .optional()
                .orElse(0L);
        Message[] messages = uids.getMessagesByUID(last + 1, UIDFolder.LASTUID);
        Arrays.sort(messages, Comparator.comparingLong(m -> uid(uids, m)));
        for (Message message : messages) {
            long uid = uids.getUID(message);
            if (uid <= last) {
                continue; // IMAP answers "n:*" with the last message even when nothing is newer
            }
            sink.accept(mailbox.address(), "imap", bytes(message));
            jdbc.sql("""
                    INSERT INTO mail_mailbox_state (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)
                    ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid""").params(mailbox.address(), validity, uid).update();
            if (delete) {
                message.setFlag(Flags.Flag.DELETED, true);
            }
        }
    }

    private void pollPop3(ReceiverProperties.Mailbox mailbox, POP3Folder folder, boolean delete)
            throws MessagingException, IOException {
        for (Message message : folder.getMessages()) {
            String uidl = Optional.ofNullable(folder.getUID(message)).orElse("");
            boolean seen = !uidl.isEmpty()
                    && jdbc.sql("SELECT EXISTS (SELECT 1 FROM mail_pop3_seen WHERE mailbox = ? AND uidl = ?)")
                            .params(mailbox.address(), uidl)
                            .query(Boolean.class)
                            .single();
            if (!seen) {
                sink.accept(mailbox.address(), "pop3", bytes(message));
                if (!uidl.isEmpty()) {
                    jdbc.sql("INSERT INTO mail_pop3_seen (mailbox, uidl) VALUES (?, ?) ON CONFLICT DO NOTHING")
                            .params(mailbox.address(), uidl)
                            .update();
                }
            }
            if (delete) {
                message.setFlag(Flags.Flag.DELETED, true);
            }
        }
    }

    private static long uid(UIDFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            return Long.MAX_VALUE;
        }
    }

    private static byte[] bytes(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
