package org.rapport.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * New mail at once on IMAP servers that offer IDLE: one connection per mailbox waits for the server's
 * notice, then the mailbox is polled as usual (same watermark, same store-before-mark). The scheduled
 * polls stay as the safety net; a dropped connection is opened again after a pause.
 */
@Component
class ImapIdleWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImapIdleWatcher.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(2);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(2);

    private final ReceiverProperties properties;
    private final MailboxPoller poller;
    private final Map<String, Store> open = new ConcurrentHashMap<>();
    private volatile boolean running;

    ImapIdleWatcher(ReceiverProperties properties, MailboxPoller poller) {
        this.properties = properties;
        this.poller = poller;
    }

    @Override
    public synchronized void start() {
        running = true;
        List<ReceiverProperties.Mailbox> imap = properties.mailboxes().stream()
                .filter(m -> m.idle() && m.protocolName().startsWith("imap"))
                .toList();
        for (ReceiverProperties.Mailbox mailbox : imap) {
            Thread.ofVirtual().name("imap-idle-" + mailbox.address()).start(() -> watch(mailbox));
        }
    }

    private void watch(ReceiverProperties.Mailbox mailbox) {
        Duration pause = FIRST_PAUSE;
        while (running) {
            try (Store store = MailboxPoller.connect(mailbox)) {
                open.put(mailbox.address(), store);
                if (!((IMAPStore) store).hasCapability("IDLE")) {
                    log.info("{} does not offer IMAP IDLE; it is polled on the schedule only", mailbox.address());
                    return;
                }
                IMAPFolder folder = (IMAPFolder) store.getFolder(mailbox.folder());
                folder.open(Folder.READ_ONLY);
                pause = FIRST_PAUSE;
                while (running && folder.isOpen()) {
                    poller.poll(mailbox); // what arrived while we were not waiting
                    folder.idle(true);
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                if (running) {
                    log.info(
                            "IMAP IDLE on {} interrupted ({}); again in {} s",
                            mailbox.address(),
                            e.toString(),
                            pause.toSeconds());
                }
            } finally {
                open.remove(mailbox.address());
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        open.values().forEach(store -> {
            try {
                store.close(); // ends a waiting IDLE
            } catch (MessagingException e) {
                log.debug("Closing an IMAP connection", e);
            }
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
