package dev.newsletter.app;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.config.Config;
import dev.newsletter.delivery.MailSessions;
import dev.newsletter.delivery.MessageFactory;
import dev.newsletter.http.EndpointLog;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.journal.RecentSends;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Journal;
import dev.newsletter.mailing.Mailing;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Outcome;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.SendHistory;
import dev.newsletter.mailing.SendOptions;
import dev.newsletter.mailing.StopSignal;
import dev.newsletter.mailing.Ticker;
import dev.newsletter.signup.SignupMail;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.subscriber.SubscriberFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Sends the confirmation and welcome mails of signups in the background, through the one send path:
 * each batch of queued mails is a {@link Mailing} run (one connection, the {@code sending.retry}
 * attempts and backoff, {@code sending.ratePerSecond}/{@code ratePerHour}/{@code perDomain} with the
 * hour's sends of every journal counted), each message built by {@link MessageFactory} (DKIM-signed
 * when configured) and journaled in {@code var/deliveries/_signup/<list>.jsonl} ({@code var/capture/…}
 * in capture mode), where the hourly quota of issue sends sees them too. In capture mode they land in
 * {@code outbox/signup/}.
 *
 * <p>One thread takes mails from a queue of {@value #QUEUE}; a signup never waits for it. A mail that
 * does not fit, or is still queued when the daemon stops, is logged as not sent (the person can sign
 * up again).
 */
public final class SignupMailer implements SignupMail {
    static final int QUEUE = 1000;
    private static final int BATCH = 100;
    private static final String CONFIRM = SignupLetters.CONFIRM;
    private static final String WELCOME = SignupLetters.WELCOME;

    private final Config config;
    private final Clock clock;
    private final EndpointLog log;
    private final SignupLetters letters;
    private final boolean welcomes;
    private final Destination destination;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE);
    private final StopSignal stop = new StopSignal();
    private final Thread worker;

    /** One mail to send: {@code kind} is {@value #CONFIRM} or {@value #WELCOME}. */
    private record Job(String kind, String list, EmailAddress to, String confirmLink) {}

    private SignupMailer(Config config, Map<String, String> env, Clock clock, EndpointLog log) {
        MailSessions.useAngusStreamProvider();
        this.config = config;
        this.clock = clock;
        this.log = log;
        this.letters = new SignupLetters(config, env, clock); // a template error stops the start here
        this.welcomes = letters.welcomes();
        this.destination = Destination.open(
                config,
                env,
                clock,
                config.outboxDir().resolve("signup"),
                letters.senderDomain(),
                reason -> log.warn("signup mails: the capture server cannot write: " + reason));
        this.worker = new Thread(this::run, "signup-mail");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Checks the templates and opens the destination (capture server or relay login check).
     *
     * @throws dev.newsletter.input.InvalidInputException for a template error, a missing secret or key
     */
    public static SignupMailer start(Config config, Map<String, String> env, Clock clock, EndpointLog log) {
        return new SignupMailer(config, env, clock, log);
    }

    /** Where mails go, for the start-up log line. */
    public String description() {
        return destination.description();
    }

    @Override
    public void confirmation(String list, EmailAddress to, URI confirmLink) {
        enqueue(new Job(CONFIRM, list, to, confirmLink.toString()));
    }

    @Override
    public void welcome(String list, EmailAddress to) {
        if (welcomes) {
            enqueue(new Job(WELCOME, list, to, ""));
        }
    }

    private void enqueue(Job job) {
        if (stop.stopped() || !queue.offer(job)) {
            log.warn("signup: " + job.kind() + " mail to " + job.to() + " not sent: "
                    + (stop.stopped() ? "the daemon is stopping" : QUEUE + " mails are waiting already"));
        }
    }

    private void run() {
        while (!stop.stopped()) {
            List<Job> batch = new ArrayList<>();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, BATCH - 1);
            try {
                send(batch);
            } catch (RuntimeException e) {
                log.warn("signup mails: " + batch.size() + " not sent: " + e.getMessage());
            }
        }
        for (Job left : queue) {
            log.warn("signup: " + left.kind() + " mail to " + left.to() + " not sent: the daemon stopped");
        }
    }

    /** One run per list in the batch, each with that list's journal. */
    private void send(List<Job> batch) {
        Map<String, List<Job>> byList = new LinkedHashMap<>();
        for (Job job : batch) {
            byList.computeIfAbsent(job.list(), l -> new ArrayList<>()).add(job);
        }
        for (Map.Entry<String, List<Job>> entry : byList.entrySet()) {
            send(entry.getKey(), entry.getValue());
        }
    }

    private void send(String list, List<Job> jobs) {
        Map<Subscriber, Job> bySubscriber = new IdentityHashMap<>();
        List<Subscriber> recipients = new ArrayList<>();
        for (Job job : jobs) {
            Subscriber subscriber = Subscriber.adHoc(job.to());
            bySubscriber.put(subscriber, job);
            recipients.add(subscriber);
        }
        Path journals = config.journalsDir(config.smtp().mode());
        try (DeliveryJournal journal =
                DeliveryJournal.open(journals.resolve("_signup").resolve(list + ".jsonl"), clock)) {
            SendHistory history = RecentSends.inLastHour(journals, journal);
            SendOptions options = SendOptions.of(
                            1, config.sending().retry(), config.sending().maxErrors())
                    .pacedBy(IssueSender.pacing(config.sending()));
            MailingReport report = new Mailing(destination.mailers(), new Logged(journal), Ticker.system(), history)
                    .send(
                            recipients::forEach,
                            subscriber -> {
                                Job job = bySubscriber.get(subscriber);
                                String name =
                                        welcomeRow(job).map(Subscriber::name).orElse("");
                                return letters.message(job.kind(), job.list(), job.to(), name, job.confirmLink());
                            },
                            options,
                            Progress.none(),
                            stop);
            report.stoppedBecause().ifPresent(reason -> log.warn("signup mails stopped: " + reason));
        }
    }

    /** The confirmed subscriber's row, for the welcome mail's name; empty for a confirmation. */
    private Optional<Subscriber> welcomeRow(Job job) {
        if (!job.kind().equals(WELCOME)) {
            return Optional.empty();
        }
        Subscriber[] found = {null};
        SubscriberFile.of(config.listFile(job.list()), config.smtp().smtputf8()).forEach(s -> {
            if (found[0] == null && s.email().equals(job.to())) {
                found[0] = s;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    @Override
    public void close() {
        stop.stop("the daemon is stopping");
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destination.close();
    }

    /** The journal, never skipping anyone (a person may get several confirmations), logging each result. */
    private final class Logged implements Journal {
        private final Journal lines;

        Logged(DeliveryJournal journal) {
            this.lines = Journal.recordOnly(journal);
        }

        @Override
        public boolean isDone(String email) {
            return false;
        }

        @Override
        public boolean isInDoubt(String email) {
            return false;
        }

        @Override
        public void attempt(String email, String messageId, int attempt) {
            lines.attempt(email, messageId, attempt);
        }

        @Override
        public void result(String email, String messageId, int attempt, DeliveryResult result, long millis) {
            lines.result(email, messageId, attempt, result, millis);
            String kind = messageId.contains("signup-" + WELCOME) ? WELCOME : CONFIRM;
            String line = "signup: " + kind + " mail to " + email + " "
                    + result.outcome().label() + " (" + result.reply() + ")";
            if (result.outcome() == Outcome.ACCEPTED) {
                log.info(line);
            } else {
                log.warn(line);
            }
        }
    }
}
