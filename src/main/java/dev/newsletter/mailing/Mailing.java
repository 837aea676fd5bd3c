package dev.newsletter.mailing;

import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.text.Plural;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one send path, for scheduled, CLI, test and dry-run sends alike; only the recipients, the
 * composer and the {@link Mailer} differ.
 *
 * <p>The calling thread streams the recipients into a bounded {@link WorkQueue}, skipping those the
 * journal has as done. {@code workers} threads each hold one {@link Mailer} (one SMTP connection)
 * and, per recipient: wait for the {@link Pacer}, compose the message (render, build, sign), send it, journal the
 * {@code attempt} right before the final dot and the {@code result} after the reply.
 *
 * <p>Retry policy, stated once:
 *
 * <ul>
 *   <li>accepted, rejected (5xx for the recipient): final, never sent again;
 *   <li>deferred (4xx): set aside for {@link Backoff} and retried by any worker, up to {@code
 *       retry.attempts}; still deferred after that: left for the next run;
 *   <li>failed (421, timeout, dropped connection): retried at once on a new connection, up to the
 *       same attempts; never counted as the recipient's fault;
 *   <li>no connection at all: the worker keeps its recipient and pauses with backoff; after {@code
 *       retry.attempts} failed connects in a row the run stops;
 *   <li>{@link MailerUnavailableException} (auth, TLS, sender or message refused), {@code
 *       maxErrors} recipients not accepted, or a connection that keeps breaking: stop the run;
 *   <li>{@link JournalUnavailableException} (the journal cannot record): stop the run; the message
 *       whose attempt could not be journaled is not sent (the connection is dropped before its
 *       final dot).
 * </ul>
 *
 * A stop (also one asked for through the {@link StopSignal}) takes no new recipients; messages in flight finish and
 * are journaled; recipients set aside keep their last (deferred) result for the next run.
 */
public final class Mailing {
    private static final Logger LOG = LoggerFactory.getLogger(Mailing.class);
    private static final long LONG_WAIT_NANOS = 10_000_000_000L;

    private final Mailer.Factory mailers;
    private final Journal journal;
    private final Ticker ticker;
    private final SendHistory history;

    public Mailing(Mailer.Factory mailers, Journal journal) {
        this(mailers, journal, Ticker.system(), SendHistory.none(java.time.Instant.EPOCH));
    }

    /**
     * @param history messages sent in the last hour before this run (from the journals), so the
     *     hourly quota survives a restart
     */
    public Mailing(Mailer.Factory mailers, Journal journal, Ticker ticker, SendHistory history) {
        this.mailers = mailers;
        this.journal = journal;
        this.ticker = ticker;
        this.history = history;
    }

    /** Sends with no way to stop it from outside: it ends when every recipient is done or the run stops itself. */
    public MailingReport send(Recipients recipients, Composer composer, SendOptions options, Progress progress) {
        return send(recipients, composer, options, progress, new StopSignal());
    }

    /** Sends until every recipient is done, the run stops itself, or {@code stop} is set. */
    public MailingReport send(
            Recipients recipients, Composer composer, SendOptions options, Progress progress, StopSignal stop) {
        Run run = new Run(composer, options, progress, new Pacer(options.pacing(), ticker, history));
        StopSignal.Listening listening = stop.whenStopped(run::stop);
        long start = ticker.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread thread = new Thread(r, "sender");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < options.workers(); i++) {
            workers.add(pool.submit(run::work));
        }
        try {
            run.produce(recipients);
        } catch (RuntimeException e) {
            run.stop("cannot read the recipients: " + e.getMessage());
            throw e;
        } finally {
            run.queue.producerDone();
            pool.shutdown();
            for (Future<?> worker : workers) {
                awaitWorker(worker, run);
            }
            listening.close();
        }
        run.countLeftAside();
        return run.report(Duration.ofNanos(ticker.nanoTime() - start));
    }

    private static void awaitWorker(Future<?> worker, Run run) {
        while (true) {
            try {
                worker.get();
                return;
            } catch (InterruptedException e) {
                run.stop("interrupted");
            } catch (ExecutionException e) {
                run.stop("a worker failed: " + e.getCause());
                // one line at the default level; the stack trace for NEWSLETTER_LOG_LEVEL=DEBUG
                LOG.error("sender worker failed: {}", e.getCause().toString());
                LOG.debug("sender worker failed", e.getCause());
                return;
            }
        }
    }

    /** One recipient on its way: the message is composed once and its bytes kept for retries. */
    private static final class Task {
        final Subscriber subscriber;
        final String email;
        OutgoingMessage message;
        int attempts;
        Outcome last;

        Task(Subscriber subscriber) {
            this.subscriber = subscriber;
            this.email = subscriber.email().toString();
        }
    }

    /** The state of one run, shared by the producer and the workers. */
    private final class Run {
        private final Composer composer;
        private final SendOptions options;
        private final Progress progress;
        private final Pacer pacer;
        final WorkQueue<Task> queue;
        private final Tally tally = new Tally();
        private final AtomicInteger brokenInARow = new AtomicInteger();
        private final AtomicLong lastWaitNote = new AtomicLong();
        private final AtomicReference<String> stoppedBecause = new AtomicReference<>();

        Run(Composer composer, SendOptions options, Progress progress, Pacer pacer) {
            this.composer = composer;
            this.options = options;
            this.progress = progress;
            this.pacer = pacer;
            this.queue = new WorkQueue<>(Math.max(64, options.workers() * 16), ticker);
        }

        void stop(String reason) {
            boolean first = stoppedBecause.compareAndSet(null, reason);
            // the queue first: once the line is logged, no worker takes another recipient
            queue.stop();
            if (first) {
                LOG.warn("stopping the run: {}", reason);
            }
        }

        boolean stopped() {
            return stoppedBecause.get() != null;
        }

        void produce(Recipients recipients) {
            long[] taken = {0};
            try {
                recipients.forEach(subscriber -> {
                    if (stopped()
                            || (options.limit().isPresent()
                                    && taken[0] >= options.limit().getAsLong())) {
                        throw new StopProducing();
                    }
                    String email = subscriber.email().toString();
                    if (journal.isDone(email)) {
                        tally.skipped();
                        return;
                    }
                    if (journal.isInDoubt(email)) {
                        if (!options.resendInDoubt()) {
                            tally.skipped();
                            return;
                        }
                        tally.inDoubtResent();
                    }
                    taken[0]++;
                    try {
                        if (!queue.put(new Task(subscriber))) {
                            throw new StopProducing();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stop("interrupted");
                        throw new StopProducing();
                    }
                });
            } catch (StopProducing e) {
                // the run stopped or reached its limit: leave the rest for the next run
            }
        }

        void work() {
            try (Mailer mailer = mailers.open()) {
                Task task;
                while ((task = queue.take()) != null) {
                    handle(mailer, task);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("interrupted");
            } catch (JournalUnavailableException e) {
                // the message it was for never got its final dot: nothing went out unrecorded
                stop(e.getMessage());
            } catch (RuntimeException | Error e) {
                // e.g. the journal cannot be written: no worker may send what it cannot record
                stop("a worker failed: " + e);
                throw e;
            }
        }

        private void handle(Mailer mailer, Task task) throws InterruptedException {
            if (!paced(task)) {
                return;
            }
            if (task.message == null) {
                try {
                    task.message = composer.compose(task.subscriber);
                } catch (RuntimeException e) {
                    queue.finished();
                    stop("cannot compose the message for " + task.email + ": " + e.getMessage());
                    return;
                }
            }
            task.attempts++;
            Optional<DeliveryResult> sent = sendOnce(mailer, task);
            if (sent.isEmpty()) {
                queue.finished();
                return;
            }
            DeliveryResult result = sent.get();
            task.last = result.outcome();
            switch (result.outcome()) {
                case ACCEPTED -> finish(task, result);
                case REJECTED -> finish(task, result);
                case DEFERRED, FAILED -> retryOrFinish(task, result);
            }
        }

        /** Waits for the pacer; false if the task was set aside (domain pace) or the run stopped. */
        private boolean paced(Task task) throws InterruptedException {
            while (true) {
                Pacer.Decision decision = pacer.reserve(task.subscriber.email().domain());
                if (decision.go()) {
                    return true;
                }
                if (decision.domainOnly()) {
                    queue.setAside(task, decision.waitNanos());
                    return false;
                }
                if (decision.waitNanos() >= LONG_WAIT_NANOS) {
                    noteLongWait(decision.waitNanos());
                }
                if (!queue.pause(decision.waitNanos())) {
                    queue.finished();
                    return false;
                }
            }
        }

        /**
         * Sends once, opening a connection as needed (pausing with backoff while none can be had).
         * Journals the attempt right before the final dot and the result after the reply. Empty when
         * nothing was sent to the end: the run stopped.
         */
        private Optional<DeliveryResult> sendOnce(Mailer mailer, Task task) throws InterruptedException {
            OutgoingMessage message = task.message;
            int attempt = task.attempts;
            boolean[] dataEnded = {false};
            int connectFailures = 0;
            while (true) {
                long started = ticker.nanoTime();
                try {
                    DeliveryResult result = mailer.send(message, () -> {
                        journal.attempt(task.email, message.messageId(), attempt);
                        dataEnded[0] = true;
                    });
                    journal.result(task.email, message.messageId(), attempt, result, millisSince(started));
                    return Optional.of(result);
                } catch (ConnectionUnavailableException e) {
                    connectFailures++;
                    if (connectFailures >= options.retry().attempts()) {
                        stop(e.getMessage() + " (" + Plural.count(connectFailures, "attempt", "attempts") + ")");
                        return Optional.empty();
                    }
                    Duration pause = Backoff.after(connectFailures, options.retry());
                    LOG.warn("{}; trying again in {} ms", e.getMessage(), pause.toMillis());
                    if (!queue.pause(pause.toNanos())) {
                        return Optional.empty();
                    }
                } catch (MailerUnavailableException e) {
                    DeliveryResult kept = e.inFlight()
                            .map(DeliveryResult::notFinal)
                            .orElse(dataEnded[0] ? DeliveryResult.connectionFailed(e.getMessage()) : null);
                    if (kept != null) {
                        journal.result(task.email, message.messageId(), attempt, kept, millisSince(started));
                        count(kept.outcome());
                    }
                    stop(e.getMessage());
                    return Optional.empty();
                }
            }
        }

        private void noteLongWait(long nanos) {
            long now = ticker.nanoTime();
            long last = lastWaitNote.get();
            if ((last == 0 || now - last >= LONG_WAIT_NANOS) && lastWaitNote.compareAndSet(last, now)) {
                LOG.warn(
                        "pacing: the hourly or per-second limit is reached; waiting {} s ({} sent in the last hour)",
                        nanos / 1_000_000_000L,
                        pacer.sentInLastHour());
            }
        }

        private void retryOrFinish(Task task, DeliveryResult result) {
            if (result.outcome() == Outcome.FAILED) {
                int broken = brokenInARow.incrementAndGet();
                int limit = options.retry().attempts() * options.workers();
                if (broken >= limit) {
                    finish(task, result);
                    stop("the connection broke " + Plural.count(broken, "time", "times")
                            + " in a row without a reply (last: " + result.reply() + ")");
                    return;
                }
            } else {
                brokenInARow.set(0);
            }
            if (task.attempts >= options.retry().attempts() || stopped()) {
                finish(task, result);
                return;
            }
            long delay = result.outcome() == Outcome.FAILED
                    ? 0
                    : Backoff.after(task.attempts, options.retry()).toNanos();
            LOG.info(
                    "{} for {} ({}); retrying in {} ms",
                    result.outcome().label(),
                    task.email,
                    result.reply(),
                    delay / 1_000_000);
            tally.retried();
            queue.setAside(task, delay);
            report();
        }

        private void finish(Task task, DeliveryResult result) {
            if (result.outcome() != Outcome.FAILED) {
                brokenInARow.set(0);
            }
            task.message = null;
            if (result.isHardBounce()) {
                tally.hardBounce();
            }
            count(result.outcome());
            queue.finished();
            if (result.outcome() == Outcome.REJECTED || result.outcome() == Outcome.DEFERRED) {
                long errors = tally.notAccepted();
                if (errors >= options.maxErrors()) {
                    stop(Plural.count(errors, "recipient", "recipients") + " not accepted (sending.maxErrors is "
                            + options.maxErrors() + ")");
                }
            }
        }

        private void count(Outcome outcome) {
            tally.done(outcome);
            report();
        }

        private void report() {
            progress.update(tally.snapshot(queue.setAsideCount()));
        }

        /** Recipients still set aside when the run ended keep their last result: count them so. */
        void countLeftAside() {
            for (Task task : queue.drainSetAside()) {
                if (task.last != null) {
                    count(task.last);
                }
            }
        }

        MailingReport report(Duration elapsed) {
            return tally.report(elapsed, Optional.ofNullable(stoppedBecause.get()));
        }

        private long millisSince(long startedNanos) {
            return (ticker.nanoTime() - startedNanos) / 1_000_000;
        }
    }

    /** Thrown inside the recipients' forEach to end it early. */
    private static final class StopProducing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopProducing() {
            super(null, null, false, false);
        }
    }
}
