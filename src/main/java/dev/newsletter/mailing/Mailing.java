package dev.newsletter.mailing;

import dev.newsletter.subscriber.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one send path, for scheduled, CLI, test and dry-run sends alike; only the recipients, the
 * composer and the {@link Mailer} differ.
 *
 * <p>The calling thread streams the recipients into a small queue, skipping those the journal has
 * as done. {@code workers} threads each hold one {@link Mailer} (one SMTP connection) and, per
 * recipient: compose (render) the letter, write the journal's {@code attempt} line, send, write the
 * {@code result} line. Deferred and failed messages are retried with backoff up to the configured
 * attempts; what is still deferred at the end is left for the next run. A {@link
 * MailerUnavailableException} or too many errors stop the run: no new recipients are taken, and
 * messages in flight finish.
 */
public final class Mailing {
    private static final Logger LOG = LoggerFactory.getLogger(Mailing.class);
    private static final Subscriber END =
            Subscriber.adHoc(dev.newsletter.address.EmailAddress.parse("end@end.invalid"));

    private final Mailer.Factory mailers;
    private final Journal journal;
    private volatile Run current;

    public Mailing(Mailer.Factory mailers, Journal journal) {
        this.mailers = mailers;
        this.journal = journal;
    }

    public MailingReport send(Recipients recipients, Composer composer, SendOptions options, Progress progress) {
        Run run = new Run(composer, options, progress);
        current = run;
        long start = System.nanoTime();
        BlockingQueue<Subscriber> queue = new ArrayBlockingQueue<>(options.workers() * 4);
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread thread = new Thread(r, "sender");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < options.workers(); i++) {
            workers.add(pool.submit(() -> run.work(queue)));
        }
        try {
            run.produce(recipients, queue);
        } finally {
            for (int i = 0; i < options.workers(); i++) {
                putUninterruptibly(queue, END);
            }
            pool.shutdown();
            for (Future<?> worker : workers) {
                awaitWorker(worker, run);
            }
        }
        current = null;
        return run.report(Duration.ofNanos(System.nanoTime() - start));
    }

    /** Asks the running {@link #send} to stop taking new recipients; messages in flight finish. */
    public void stop(String reason) {
        Run run = current;
        if (run != null) {
            run.stop(reason);
        }
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
                LOG.error("sender worker failed", e.getCause());
                return;
            }
        }
    }

    private static void putUninterruptibly(BlockingQueue<Subscriber> queue, Subscriber subscriber) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(subscriber);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The state of one run, shared by the producer and the workers. */
    private final class Run {
        private final Composer composer;
        private final SendOptions options;
        private final Progress progress;
        private final LongAdder accepted = new LongAdder();
        private final LongAdder deferred = new LongAdder();
        private final LongAdder rejected = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final LongAdder skipped = new LongAdder();
        private final LongAdder inDoubtResent = new LongAdder();
        private final AtomicLong done = new AtomicLong();
        private final AtomicReference<String> stoppedBecause = new AtomicReference<>();
        private long taken;

        Run(Composer composer, SendOptions options, Progress progress) {
            this.composer = composer;
            this.options = options;
            this.progress = progress;
        }

        void stop(String reason) {
            if (stoppedBecause.compareAndSet(null, reason)) {
                LOG.warn("stopping the run: {}", reason);
            }
        }

        boolean stopped() {
            return stoppedBecause.get() != null;
        }

        void produce(Recipients recipients, BlockingQueue<Subscriber> queue) {
            try {
                recipients.forEach(subscriber -> {
                    if (stopped() || (options.limit() > 0 && taken >= options.limit())) {
                        throw new StopProducing();
                    }
                    String email = subscriber.email().toString();
                    if (journal.isDone(email)) {
                        skipped.increment();
                        return;
                    }
                    if (journal.isInDoubt(email)) {
                        if (!options.resendInDoubt()) {
                            skipped.increment();
                            return;
                        }
                        inDoubtResent.increment();
                    }
                    taken++;
                    try {
                        queue.put(subscriber);
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

        void work(BlockingQueue<Subscriber> queue) {
            try (Mailer mailer = mailers.open()) {
                while (true) {
                    Subscriber subscriber = queue.take();
                    if (subscriber == END) {
                        return;
                    }
                    if (!stopped()) {
                        deliver(mailer, subscriber);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("interrupted");
            }
        }

        private void deliver(Mailer mailer, Subscriber subscriber) throws InterruptedException {
            Letter letter;
            try {
                letter = composer.compose(subscriber);
            } catch (RuntimeException e) {
                stop("cannot compose the message for " + subscriber.email() + ": " + e.getMessage());
                return;
            }
            String email = subscriber.email().toString();
            DeliveryResult result = null;
            for (int attempt = 1; ; attempt++) {
                journal.attempt(email, letter.messageId(), attempt);
                long started = System.nanoTime();
                try {
                    result = mailer.send(letter);
                } catch (MailerUnavailableException e) {
                    result = DeliveryResult.connectionFailed(e.getMessage());
                    journal.result(email, letter.messageId(), attempt, result, elapsedMillis(started));
                    stop(e.getMessage());
                    break;
                }
                journal.result(email, letter.messageId(), attempt, result, elapsedMillis(started));
                if (result.outcome().isFinal() || attempt >= options.retry().attempts() || stopped()) {
                    break;
                }
                LOG.info("{} for {} ({}); retrying", result.outcome().label(), email, result.reply());
                Thread.sleep(Backoff.after(attempt, options.retry()).toMillis());
            }
            count(result);
        }

        private void count(DeliveryResult result) {
            switch (result.outcome()) {
                case ACCEPTED -> accepted.increment();
                case DEFERRED -> deferred.increment();
                case REJECTED -> rejected.increment();
                case FAILED -> failed.increment();
            }
            if (result.outcome() != Outcome.ACCEPTED) {
                long errors = deferred.sum() + rejected.sum() + failed.sum();
                if (errors >= options.maxErrors()) {
                    stop(errors + " recipients not accepted (sending.maxErrors is " + options.maxErrors() + ")");
                }
            }
            progress.update(done.incrementAndGet(), accepted.sum(), deferred.sum(), rejected.sum());
        }

        MailingReport report(Duration elapsed) {
            return new MailingReport(
                    accepted.sum(),
                    deferred.sum(),
                    rejected.sum(),
                    failed.sum(),
                    skipped.sum(),
                    inDoubtResent.sum(),
                    elapsed,
                    Optional.ofNullable(stoppedBecause.get()));
        }

        private static long elapsedMillis(long startedNanos) {
            return (System.nanoTime() - startedNanos) / 1_000_000;
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
