package org.rapport.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rapport.shared.MessageId;
import org.rapport.ticket.CustomerReplied;
import org.rapport.ticket.CustomerText;
import org.rapport.ticket.TicketOpened;
import org.rapport.ticket.TicketQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Analyses every customer message once, after the message is committed, on a thread of its own so that
 * taking in messages never waits for it. New messages are queued when their transaction commits (a plain
 * listener: the ticket hot path pays no event-registry row); a catch-up scan finds whatever the queue
 * missed (a full queue, a crash, messages from before analysis existed) by walking message ids upwards.
 * Each message is stored with its analysis and {@link MessageAnalysed} in one transaction, once: a
 * message analysed twice (queue and scan) is stored by the first and ignored by the second.
 */
@Component
class MessageAnalyser implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessageAnalyser.class);
    private static final int BATCH = 100;
    private static final int QUEUE = 10_000;
    private static final Duration SCAN_EVERY = Duration.ofSeconds(30);
    // A message id is only passed by the scan once it is this old, so ids of transactions still open are
    // never skipped (ids are handed out before commit, out of order).
    private static final Duration SETTLED = Duration.ofMinutes(1);
    /** How old a message may be for its analysis to still act on the ticket. */
    static final Duration RECENT = Duration.ofHours(1);

    private final BlockingQueue<MessageId> queue = new LinkedBlockingQueue<>(QUEUE);
    private final AnalysisStore store;
    private final TicketQueries tickets;
    private final LexiconEmotionClassifier classifier;
    private final LanguageGate languages;
    private final PriorityBump bump;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final AnalysisProperties properties;
    private volatile Thread worker;
    private volatile boolean running;

    MessageAnalyser(
            AnalysisStore store,
            TicketQueries tickets,
            LexiconEmotionClassifier classifier,
            LanguageGate languages,
            PriorityBump bump,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            AnalysisProperties properties) {
        this.store = store;
        this.tickets = tickets;
        this.classifier = classifier;
        this.languages = languages;
        this.bump = bump;
        this.events = events;
        this.tx = tx;
        this.properties = properties;
    }

    @EventListener
    void on(TicketOpened event) {
        afterCommit(event.firstMessage());
    }

    @EventListener
    void on(CustomerReplied event) {
        afterCommit(event.message());
    }

    private void afterCommit(MessageId message) {
        if (!running) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue.offer(message); // full: the scan picks it up
                }
            });
        } else {
            queue.offer(message);
        }
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("message-analyser").daemon().start(this::work);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        Instant nextScan = Instant.now();
        while (running) {
            try {
                if (!Instant.now().isBefore(nextScan)) {
                    catchUp();
                    nextScan = Instant.now().plus(SCAN_EVERY);
                }
                MessageId first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<MessageId> batch = new ArrayList<>(BATCH);
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                analyse(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be away for a moment; the scan will find what this pass missed.
                log.warn("Message analysis failed; the catch-up scan will retry", e);
                nextScan = Instant.now().plus(SCAN_EVERY);
            }
        }
    }

    /** Analyses every customer message the queue has not, walking ids from where the last scan ended. */
    int catchUp() {
        int done = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long from = store.checkedUpTo();
            List<MessageId> ids =
                    tickets.customerMessagesAfter(from, Instant.now().minus(SETTLED), 500);
            if (ids.isEmpty()) {
                return done;
            }
            Set<MessageId> analysed = store.analysed(ids);
            List<MessageId> missing =
                    ids.stream().filter(id -> !analysed.contains(id)).toList();
            for (int i = 0; i < missing.size(); i += BATCH) {
                done += analyse(missing.subList(i, Math.min(missing.size(), i + BATCH)));
            }
            store.checked(ids.getLast().value());
        }
        return done;
    }

    /** Analyses and stores these messages (customers' only); returns how many were new. */
    int analyse(List<MessageId> messages) {
        List<Analysed> batch =
                tickets.customerTexts(messages).stream().map(this::read).toList();
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            // One transaction (one commit, one WAL flush) for the whole batch.
            Integer stored = tx.execute(status -> {
                boolean[] fresh = store.insertAll(
                        batch.stream().map(one -> one.text().message()).toList(),
                        batch.stream().map(Analysed::analysis).toList());
                int count = 0;
                for (int k = 0; k < fresh.length; k++) {
                    if (fresh[k]) {
                        react(batch.get(k));
                        count++;
                    }
                }
                return count;
            });
            return stored == null ? 0 : stored;
        } catch (RuntimeException batchFailed) {
            // One message's reactions failed (a listener, a bump): the others must not wait for it.
            int stored = 0;
            for (Analysed one : batch) {
                stored += keepAlone(one) ? 1 : 0;
            }
            return stored;
        }
    }

    /** The analysis of one text; a text the classifier cannot read is stored as not analysed, not retried. */
    private Analysed read(CustomerText text) {
        if (text.automatic()) {
            return new Analysed(text, Analysis.notAnalysed("automatic"));
        }
        try {
            return new Analysed(text, classifier.analyse(text.text(), languages.detect(text.text())));
        } catch (RuntimeException e) {
            log.warn("Message {} could not be analysed", text.message().value(), e);
            return new Analysed(text, Analysis.notAnalysed("error"));
        }
    }

    /**
     * One message in a transaction of its own. A passing conflict (a deadlock, the ticket changed or merged
     * meanwhile) is tried again; what still fails is stored without its reactions, so the scan does not
     * retry it for ever.
     */
    private boolean keepAlone(Analysed one) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Boolean.TRUE.equals(tx.execute(status -> keep(one)));
            } catch (RuntimeException failed) {
                boolean passing = failed instanceof org.springframework.dao.TransientDataAccessException
                        || failed instanceof org.springframework.dao.ConcurrencyFailureException
                        || failed instanceof org.rapport.shared.ConflictException;
                if (passing && attempt < 3) {
                    continue;
                }
                log.warn(
                        "Reactions to the analysis of message {} failed; stored without them",
                        one.text().message().value(),
                        failed);
                return Boolean.TRUE.equals(
                        tx.execute(status -> store.insert(one.text().message(), one.analysis())));
            }
        }
    }

    private record Analysed(CustomerText text, Analysis analysis) {}

    /** Stores one analysis and, if it is new, reacts to it. */
    private boolean keep(Analysed one) {
        if (!store.insert(one.text().message(), one.analysis())) {
            return false;
        }
        react(one);
        return true;
    }

    /** Raises the priority by the rule and announces a newly stored analysis. */
    private void react(Analysed one) {
        CustomerText text = one.text();
        Analysis analysis = one.analysis();
        // Messages from before analysis existed (the first start on an old help desk) are analysed and
        // stored, but nothing reacts to them: no priority raised, no notice, no ticket rerouted.
        boolean recent = text.createdAt().isAfter(java.time.Instant.now().minus(RECENT));
        if (analysis.analysed() && recent) {
            bump.apply(text.ticket(), analysis);
        }
        events.publishEvent(new MessageAnalysed(text.message(), text.ticket(), text.customer(), analysis, recent));
    }
}
