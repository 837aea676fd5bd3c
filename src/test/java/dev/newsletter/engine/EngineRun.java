package dev.newsletter.engine;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.config.SendingSettings;
import dev.newsletter.config.SmtpSettings.Tls;
import dev.newsletter.delivery.MessageFactory;
import dev.newsletter.delivery.SmtpEndpoint;
import dev.newsletter.delivery.SmtpMailer;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.mailing.Composer;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.Mailing;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.MessageIds;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.SendOptions;
import dev.newsletter.subscriber.Subscriber;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Sends to a scripted server through the real engine (Mailing, SmtpMailer over a socket,
 * DeliveryJournal on disk) with short backoffs, and gathers what the tests assert: the
 * run's report, the journal's report, and what the server accepted.
 */
final class EngineRun {
    static final MessageIds IDS = MessageIds.forList(
            "it", "list", "sender.example.org", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    private final Path journalFile;
    private int workers = 1;
    private int attempts = 3;
    private int maxErrors = 100;
    /**
     * Long enough that a well-behaved server never times out on a loaded machine; tests of a server
     * that hangs set a shorter one with {@link #timeout}.
     */
    private Duration timeout = Duration.ofSeconds(20);

    private Tls tls = Tls.NONE;
    private String username = "";
    private boolean smtputf8;

    EngineRun(Path dir) {
        this.journalFile = dir.resolve("var/deliveries/it/list.jsonl");
    }

    EngineRun workers(int n) {
        workers = n;
        return this;
    }

    /** The SMTP timeouts: how long a hung server is waited for. */
    EngineRun timeout(Duration value) {
        timeout = value;
        return this;
    }

    EngineRun attempts(int n) {
        attempts = n;
        return this;
    }

    EngineRun maxErrors(int n) {
        maxErrors = n;
        return this;
    }

    EngineRun tls(Tls mode) {
        tls = mode;
        return this;
    }

    /** The session may use SMTPUTF8, and recipients may have a non-ASCII local part. */
    EngineRun smtputf8(boolean on) {
        smtputf8 = on;
        return this;
    }

    EngineRun username(String user) {
        username = user;
        return this;
    }

    Path journal() {
        return journalFile;
    }

    /** Recipients r1@example.org … rN@example.org. */
    static List<String> recipients(int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> "r" + i + "@example.org")
                .toList();
    }

    MailingReport send(int port, List<String> recipients) {
        SmtpEndpoint endpoint = SmtpEndpoint.of("127.0.0.1", port, tls, timeout, "sender.example.org", smtputf8)
                .withPassword(username, username.isEmpty() ? "" : "secret");
        SendOptions options = SendOptions.of(
                workers, new SendingSettings.Retry(attempts, Duration.ofMillis(5), Duration.ofMillis(20)), maxErrors);
        try (DeliveryJournal journal = DeliveryJournal.open(journalFile, Clock.systemUTC())) {
            Mailing mailing = new Mailing(SmtpMailer.factory(endpoint), journal);
            return mailing.send(
                    action -> recipients.forEach(r -> action.accept(Subscriber.adHoc(EmailAddress.parse(r, smtputf8)))),
                    composer(),
                    options,
                    Progress.none());
        }
    }

    DeliveryReport report() {
        return DeliveryReport.of(journalFile);
    }

    /** Builds each message as a send does (no DKIM): what the mailer gets is the bytes. */
    static Composer composer() {
        MessageFactory messages = new MessageFactory();
        return subscriber -> messages.build(new Letter(
                Mailbox.parse("Sender <news@sender.example.org>"),
                Optional.empty(),
                new Mailbox("", subscriber.email()),
                new Letter.Content(
                        "Test issue",
                        "<html><body><p>Hello " + subscriber.email() + "</p>\n<p>" + "x".repeat(200)
                                + "</p></body></html>",
                        "Hello " + subscriber.email() + "\n"),
                IDS.of(subscriber.email()),
                ZonedDateTime.parse("2026-11-01T09:00:00Z"),
                "Test <list.sender.example.org>",
                URI.create("https://sender.example.org/unsubscribe?t=x"),
                Optional.empty()));
    }
}
