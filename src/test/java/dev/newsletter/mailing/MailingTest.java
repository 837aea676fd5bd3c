package dev.newsletter.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.config.SendingSettings;
import dev.newsletter.subscriber.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The send loop against an in-memory {@link Mailer} (the SMTP side is covered by the *IT tests
 * against a real socket): what is journaled, retried, set aside and counted.
 */
class MailingTest {
    private static final SendingSettings.Retry FAST = new SendingSettings.Retry(3, Duration.ZERO, Duration.ZERO);

    /** Records the journal lines in order. */
    private static class MemoryJournal implements Journal {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Boolean> done = new ConcurrentHashMap<>();
        final Map<String, Boolean> inDoubt = new ConcurrentHashMap<>();

        @Override
        public boolean isDone(String email) {
            return done.containsKey(email);
        }

        @Override
        public boolean isInDoubt(String email) {
            return inDoubt.containsKey(email);
        }

        @Override
        public void attempt(String email, String messageId, int attempt) {
            lines.add("attempt " + email + " " + attempt);
        }

        @Override
        public void result(String email, String messageId, int attempt, DeliveryResult result, long millis) {
            lines.add("result " + email + " " + attempt + " " + result.outcome().label());
        }
    }

    /** A mailer whose answer per (recipient, nth try) is scripted; it signals the data end like SMTP does. */
    private static Mailer.Factory mailers(BiFunction<String, Integer, DeliveryResult> answer) {
        Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
        return () -> new Mailer() {
            @Override
            public DeliveryResult send(OutgoingMessage message, DataEnd dataEnd) {
                String to = message.recipient().toString();
                int n = tries.computeIfAbsent(to, t -> new AtomicInteger()).incrementAndGet();
                DeliveryResult result = answer.apply(to, n);
                if (result.code() != 550) {
                    dataEnd.beforeFinalDot();
                }
                return result;
            }

            @Override
            public void close() {}
        };
    }

    private static Recipients recipients(List<String> emails) {
        return action -> emails.forEach(e -> action.accept(Subscriber.adHoc(EmailAddress.parse(e))));
    }

    private static Composer composer() {
        return s -> new OutgoingMessage(
                OutgoingMessage.Envelope.of(
                        EmailAddress.parse("news@sender.example.org"),
                        s.email(),
                        "<" + s.email().localPart() + "@sender.example.org>"),
                "Subject: s\r\n\r\nt\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static final DeliveryResult OK = DeliveryResult.ofReply(250, "250 2.0.0 ok");
    private static final DeliveryResult GREYLISTED = DeliveryResult.ofReply(451, "451 4.7.1 greylisted");

    @Test
    void aJournalThatCannotRecordStopsTheRunWithItsReasonAndTheMessageIsNotSent() {
        MemoryJournal journal = new MemoryJournal() {
            @Override
            public void attempt(String email, String messageId, int attempt) {
                if (email.startsWith("b@")) {
                    throw new JournalUnavailableException("cannot write to the journal j.jsonl: the disk is full");
                }
                super.attempt(email, messageId, attempt);
            }
        };
        List<String> dotted = Collections.synchronizedList(new ArrayList<>());
        Mailer.Factory mailers = () -> new Mailer() {
            @Override
            public DeliveryResult send(OutgoingMessage message, DataEnd dataEnd) {
                dataEnd.beforeFinalDot();
                dotted.add(message.recipient().toString());
                return OK;
            }

            @Override
            public void close() {}
        };

        MailingReport report = new Mailing(mailers, journal)
                .send(
                        recipients(List.of("a@example.org", "b@example.org", "c@example.org")),
                        composer(),
                        SendOptions.of(1, FAST, 10),
                        Progress.none());

        assertThat(report.stoppedBecause()).hasValue("cannot write to the journal j.jsonl: the disk is full");
        assertThat(dotted).containsExactly("a@example.org");
        assertThat(report.accepted()).isEqualTo(1);
    }

    @Test
    void limitZeroSendsToNoOne() {
        MemoryJournal journal = new MemoryJournal();

        MailingReport report = new Mailing(mailers((to, n) -> OK), journal)
                .send(
                        recipients(List.of("a@example.org", "b@example.org")),
                        composer(),
                        SendOptions.of(1, FAST, 10).limitedTo(0),
                        Progress.none());

        assertThat(report.accepted()).isZero();
        assertThat(journal.lines).isEmpty();
    }

    @Test
    void aDeferredRecipientIsRetriedUntilAcceptedAndEveryTryIsJournaled() {
        MemoryJournal journal = new MemoryJournal();
        Mailing mailing = new Mailing(mailers((to, n) -> to.startsWith("a@") && n < 3 ? GREYLISTED : OK), journal);

        MailingReport report = mailing.send(
                recipients(List.of("a@example.org", "b@example.org")),
                composer(),
                SendOptions.of(2, FAST, 10),
                Progress.none());

        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.retries()).isEqualTo(2);
        assertThat(report.complete()).isTrue();
        assertThat(journal.lines.stream().filter(l -> l.contains("a@example.org")))
                .containsExactly(
                        "attempt a@example.org 1",
                        "result a@example.org 1 deferred",
                        "attempt a@example.org 2",
                        "result a@example.org 2 deferred",
                        "attempt a@example.org 3",
                        "result a@example.org 3 accepted");
    }

    @Test
    void aRetrySendsTheBytesComposedForTheFirstTry() {
        AtomicInteger composed = new AtomicInteger();
        Composer counting = subscriber -> {
            composed.incrementAndGet();
            return composer().compose(subscriber);
        };
        List<byte[]> sent = Collections.synchronizedList(new ArrayList<>());
        Mailer.Factory greylistingTwice = () -> new Mailer() {
            @Override
            public DeliveryResult send(OutgoingMessage message, DataEnd dataEnd) {
                sent.add(message.bytes());
                dataEnd.beforeFinalDot();
                return sent.size() < 3 ? GREYLISTED : OK;
            }

            @Override
            public void close() {}
        };

        MailingReport report = new Mailing(greylistingTwice, new MemoryJournal())
                .send(recipients(List.of("a@example.org")), counting, SendOptions.of(1, FAST, 10), Progress.none());

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(composed).hasValue(1);
        assertThat(sent).hasSize(3).allSatisfy(bytes -> assertThat(bytes).isSameAs(sent.get(0)));
    }

    @Test
    void aRecipientStillDeferredAfterEveryAttemptIsLeftForTheNextRun() {
        MemoryJournal journal = new MemoryJournal();
        Mailing mailing = new Mailing(mailers((to, n) -> GREYLISTED), journal);

        MailingReport report = mailing.send(
                recipients(List.of("a@example.org")), composer(), SendOptions.of(1, FAST, 10), Progress.none());

        assertThat(report.deferred()).isEqualTo(1);
        assertThat(report.complete()).isFalse();
        assertThat(journal.lines).hasSize(6);
    }

    @Test
    void recipientsOfAPacedDomainAreSetAsideWhileOtherDomainsGo() {
        MemoryJournal journal = new MemoryJournal();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Mailing mailing = new Mailing(
                mailers((to, n) -> {
                    order.add(to);
                    return OK;
                }),
                journal);
        List<String> emails = new ArrayList<>();
        IntStream.range(0, 2).forEach(i -> emails.add("g" + i + "@gmail.com"));
        IntStream.range(0, 20).forEach(i -> emails.add("o" + i + "@example.org"));

        MailingReport report = mailing.send(
                recipients(emails),
                composer(),
                SendOptions.of(1, FAST, 10).pacedBy(new Pacing(0, 0, Map.of("gmail.com", 2.0))),
                Progress.none());

        assertThat(report.accepted()).isEqualTo(22);
        // the second gmail recipient waits half a second, set aside: every example.org one goes first
        assertThat(order).hasSize(22).endsWith("g1@gmail.com");
    }

    @Test
    void aStopRequestedBeforeTheRunStartsSendsNothing() {
        MemoryJournal journal = new MemoryJournal();
        Mailing mailing = new Mailing(mailers((to, n) -> OK), journal);
        StopSignal stop = new StopSignal();
        stop.stop("signal");

        MailingReport report = mailing.send(
                recipients(List.of("a@example.org", "b@example.org")),
                composer(),
                SendOptions.of(2, FAST, 10),
                Progress.none(),
                stop);

        assertThat(report.accepted()).isZero();
        assertThat(report.stoppedBecause()).hasValue("signal");
        assertThat(journal.lines).isEmpty();
    }

    @Test
    void alreadyDoneRecipientsAreSkippedAndTheLimitCountsOnlyTheOthers() {
        MemoryJournal journal = new MemoryJournal();
        journal.done.put("a@example.org", true);
        Mailing mailing = new Mailing(mailers((to, n) -> OK), journal);

        MailingReport report = mailing.send(
                recipients(List.of("a@example.org", "b@example.org", "c@example.org", "d@example.org")),
                composer(),
                SendOptions.of(1, FAST, 10).limitedTo(2),
                Progress.none());

        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.accepted()).isEqualTo(2);
    }

    @Test
    void inDoubtRecipientsAreResentByDefaultAndSkippedForAtMostOnce() {
        for (boolean resend : new boolean[] {true, false}) {
            MemoryJournal journal = new MemoryJournal();
            journal.inDoubt.put("a@example.org", true);
            Mailing mailing = new Mailing(mailers((to, n) -> OK), journal);

            MailingReport report = mailing.send(
                    recipients(List.of("a@example.org", "b@example.org")),
                    composer(),
                    resend
                            ? SendOptions.of(1, FAST, 10)
                            : SendOptions.of(1, FAST, 10).skippingInDoubt(),
                    Progress.none());

            assertThat(report.accepted()).isEqualTo(resend ? 2 : 1);
            assertThat(report.inDoubtResent()).isEqualTo(resend ? 1 : 0);
            assertThat(report.skipped()).isEqualTo(resend ? 0 : 1);
        }
    }

    @Test
    void hardBouncesAreCounted() {
        Mailing mailing = new Mailing(
                mailers((to, n) -> DeliveryResult.ofReply(550, "550 5.1.1 no such user")), new MemoryJournal());

        MailingReport report = mailing.send(
                recipients(List.of("a@example.org")), composer(), SendOptions.of(1, FAST, 10), Progress.none());

        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.hardBounces()).isEqualTo(1);
        assertThat(report.summary()).contains("1 hard bounce (5.1.x)");
    }
}
