package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.delivery.DkimKey;
import dev.newsletter.delivery.DkimKey.DkimAlgorithm;
import dev.newsletter.delivery.DkimSigner;
import dev.newsletter.delivery.MessageFactory;
import dev.newsletter.delivery.SmtpEndpoint;
import dev.newsletter.delivery.SmtpMailer;
import dev.newsletter.delivery.smtp.SmtpPath;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.Mailer;
import dev.newsletter.mailing.MailerUnavailableException;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Outcome;
import dev.newsletter.mailing.OutgoingMessage;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SMTP PIPELINING (RFC 2920): when the server's EHLO lists it, MAIL FROM, RCPT TO and DATA go out
 * in one write and their three replies are read in order; the body waits for the 354. Every policy
 * of {@link SmtpMailer} holds the same with and without it (the parameterised tests run each case
 * against a server that offers PIPELINING and one that does not): the outcome is the reply of the
 * first step that failed, never the server's 503/554 to the DATA that followed it.
 */
class PipeliningIT {
    private static final MessageFactory MESSAGES = new MessageFactory();
    private static final String SENDER = "news@sender.example.org";
    /** How long a hung server is waited for: well above any reply of a busy but working one (as TarpitIT). */
    private static final Duration HUNG = Duration.ofSeconds(3);

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    /** A well-behaved server that offers PIPELINING or not; tests override what they script. */
    private static class Server implements ScriptedSmtpServer.Script {
        private final boolean pipelining;

        Server(boolean pipelining) {
            this.pipelining = pipelining;
        }

        @Override
        public boolean offersPipelining() {
            return pipelining;
        }
    }

    @Test
    void mailRcptAndDataGoOutInOneWriteWhenTheServerOffersPipelining() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new Server(true))) {
            try (Mailer mailer = mailer(server, SmtpPath.FAST)) {
                assertAccepted(mailer.send(message("ann@example.org")));
                assertAccepted(mailer.send(message("bob@example.org")));
            }

            assertThat(server.batches())
                    .contains(
                            "1 MAIL FROM:<" + SENDER + "> | RCPT TO:<ann@example.org> | DATA",
                            "1 MAIL FROM:<" + SENDER + "> | RCPT TO:<bob@example.org> | DATA");
            assertThat(server.acceptedRecipients()).containsExactly("ann@example.org", "bob@example.org");
        }
    }

    @Test
    void oneCommandAtATimeWhenTheServerDoesNotOfferIt() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new Server(false))) {
            try (Mailer mailer = mailer(server, SmtpPath.FAST)) {
                assertAccepted(mailer.send(message("ann@example.org")));
            }

            assertThat(server.batches())
                    .contains("1 MAIL FROM:<" + SENDER + ">", "1 RCPT TO:<ann@example.org>", "1 DATA")
                    .allSatisfy(batch -> assertThat(batch).doesNotContain(" | "));
        }
    }

    @Test
    void thePlainPathNeverPipelines() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new Server(true))) {
            try (Mailer mailer = mailer(server, SmtpPath.PLAIN)) {
                assertAccepted(mailer.send(message("ann@example.org")));
            }

            assertThat(server.batches()).allSatisfy(batch -> assertThat(batch).doesNotContain(" | "));
        }
    }

    @Test
    void pipelinedOrNotTheServerGetsTheSameCommandsAndTheSameBytes() {
        List<OutgoingMessage> messages = List.of(
                message("ann@example.org"),
                message("bob@example.org", "a line\n.with a leading dot\n.\n"),
                message("cy@example.org", "."));

        Wire pipelined = sendAll(new Server(true), SmtpPath.FAST, messages);
        Wire oneByOne = sendAll(new Server(false), SmtpPath.FAST, messages);
        Wire plain = sendAll(new Server(true), SmtpPath.PLAIN, messages);

        assertThat(pipelined.commands()).isEqualTo(oneByOne.commands()).isEqualTo(plain.commands());
        assertThat(pipelined.data()).hasSize(3).isEqualTo(oneByOne.data()).isEqualTo(plain.data());
        for (int i = 0; i < messages.size(); i++) {
            assertThat(pipelined.data().get(i))
                    .isEqualTo(new String(messages.get(i).bytes(), StandardCharsets.ISO_8859_1));
        }
    }

    /** A local part that needs its quotes goes out as Angus words it, quotes and all, in the brackets. */
    @Test
    void aQuotedLocalPartIsPipelinedAsAngusWordsIt() {
        List<OutgoingMessage> messages = List.of(message("\"a..b\"@example.org"), message("ann@example.org"));

        Wire pipelined = sendAll(new Server(true), SmtpPath.FAST, messages);
        Wire plain = sendAll(new Server(true), SmtpPath.PLAIN, messages);

        assertThat(pipelined.batches())
                .contains("1 MAIL FROM:<" + SENDER + "> | RCPT TO:<\"a..b\"@example.org> | DATA");
        assertThat(pipelined.commands()).isEqualTo(plain.commands());
        assertThat(pipelined.data()).isEqualTo(plain.data()).hasSize(2);
    }

    @Test
    void aDkimSignedMessageArrivesByteForByteAsSigned() {
        DkimKey key = DkimKey.parse(
                DkimKey.pem(DkimKey.generate(DkimAlgorithm.ED25519_SHA256, 0).getPrivate()), Optional.empty());
        MessageFactory signing = new MessageFactory(Optional.of(new DkimSigner(key, "sender.example.org", "s1")));
        OutgoingMessage signed = signing.build(letter("ann@example.org", "Hello\n.\n..dots\n"));
        assertThat(new String(signed.bytes(), StandardCharsets.ISO_8859_1)).startsWith("DKIM-Signature:");

        Wire wire = sendAll(new Server(true), SmtpPath.FAST, List.of(signed));

        assertThat(wire.batches()).contains("1 MAIL FROM:<" + SENDER + "> | RCPT TO:<ann@example.org> | DATA");
        assertThat(wire.data()).containsExactly(new String(signed.bytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anSmtputf8RecipientIsPipelinedWithTheSameCommandsAsAngusSends() {
        String jose = "jos\u00e9@example.org";
        ScriptedSmtpServer.Script utf8 = new Server(true) {
            @Override
            public boolean offersSmtputf8() {
                return true;
            }
        };
        OutgoingMessage message = MESSAGES.build(letter(EmailAddress.parse(jose, true), "Ol\u00e1\n"));
        assertThat(message.envelope().smtputf8()).isTrue();

        Wire pipelined = sendAll(utf8, SmtpPath.FAST, List.of(message), true);
        Wire plain = sendAll(utf8, SmtpPath.PLAIN, List.of(message), true);

        // the scripted server reads bytes as ISO-8859-1: this is the address's UTF-8 on the wire
        String wireJose = new String(jose.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(pipelined.batches())
                .contains("1 MAIL FROM:<" + SENDER + "> SMTPUTF8 | RCPT TO:<" + wireJose + "> | DATA");
        assertThat(pipelined.commands()).isEqualTo(plain.commands());
        assertThat(pipelined.data()).isEqualTo(plain.data()).hasSize(1);
    }

    @Test
    void repliesThatArriveAByteAtATimeAndOnSeveralLinesAreReadWhole() {
        ScriptedSmtpServer.Script slow = new Server(true) {
            @Override
            public boolean splitsReplies() {
                return true;
            }

            @Override
            public ScriptedSmtpServer.Reply mailFrom(int connection) {
                return ScriptedSmtpServer.Reply.ok("2.1.0 sender\n2.1.0 Ok");
            }

            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return recipient.startsWith("bad")
                        ? ScriptedSmtpServer.Reply.of(550, "5.1.1 scripted: no such user\n5.1.1 see the help page")
                        : ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(slow);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            assertAccepted(mailer.send(message("ann@example.org")));
            DeliveryResult bad = mailer.send(message("bad@example.org"));
            assertAccepted(mailer.send(message("bob@example.org")));

            assertThat(bad.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(bad.code()).isEqualTo(550);
            assertThat(bad.reply()).contains("no such user").contains("see the help page");
            assertThat(server.acceptedRecipients()).containsExactly("ann@example.org", "bob@example.org");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void aRefusedRecipientIsTheOutcomeNotTheRefusedDataAndNoBodyIsSent(boolean pipelining) {
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return recipient.startsWith("bad")
                        ? ScriptedSmtpServer.Reply.of(550, "5.1.1 <" + recipient + ">: scripted: user unknown")
                        : ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            AtomicInteger dataEnds = new AtomicInteger();
            DeliveryResult bad = mailer.send(message("bad@example.org"), dataEnds::incrementAndGet);
            DeliveryResult good = mailer.send(message("ann@example.org"));

            assertThat(bad.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(bad.code()).isEqualTo(550);
            assertThat(bad.enhancedStatus()).isEqualTo("5.1.1");
            assertThat(bad.reply()).contains("user unknown").doesNotContain("no valid recipients");
            assertThat(dataEnds).hasValue(0);
            assertAccepted(good);
            assertThat(server.acceptedRecipients()).containsExactly("ann@example.org");
            assertThat(server.dataWithoutRecipients()).isEmpty();
            List<String> commands = server.commands();
            assertThat(commands.subList(commands.indexOf("1 RCPT TO:<bad@example.org>"), commands.size()))
                    .startsWith(
                            pipelining
                                    ? new String[] {
                                        "1 RCPT TO:<bad@example.org>",
                                        "1 DATA",
                                        "1 RSET",
                                        "1 MAIL FROM:<" + SENDER + ">"
                                    }
                                    : new String[] {
                                        "1 RCPT TO:<bad@example.org>", "1 RSET", "1 MAIL FROM:<" + SENDER + ">"
                                    });
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void aDeferredSenderIsTheOutcomeAndTheNextMessageGoesOutOnTheSameConnection(boolean pipelining) {
        AtomicInteger mails = new AtomicInteger();
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            @Override
            public ScriptedSmtpServer.Reply mailFrom(int connection) {
                return mails.incrementAndGet() == 1
                        ? ScriptedSmtpServer.Reply.of(451, "4.3.0 scripted: sender check failed, try later")
                        : ScriptedSmtpServer.Reply.ok("2.1.0 Ok");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            DeliveryResult first = mailer.send(message("ann@example.org"));
            DeliveryResult second = mailer.send(message("ann@example.org"));

            assertThat(first.outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(first.code()).isEqualTo(451);
            assertThat(first.reply()).contains("sender check failed");
            assertAccepted(second);
            assertThat(server.count("RSET")).isEqualTo(1);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void aRefusedSenderStopsTheRunWithTheSendersReply(boolean pipelining) {
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            @Override
            public ScriptedSmtpServer.Reply mailFrom(int connection) {
                return ScriptedSmtpServer.Reply.of(553, "5.7.1 scripted: sender not allowed");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            assertThatThrownBy(() -> mailer.send(message("ann@example.org")))
                    .isInstanceOf(MailerUnavailableException.class)
                    .hasMessageContaining("refused the sender")
                    .hasMessageContaining("sender not allowed");
            assertThat(server.count("RSET")).isEqualTo(1);
            assertThat(server.accepted()).isEmpty();
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void aDeferredRecipientIsDeferred(boolean pipelining) {
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return ScriptedSmtpServer.Reply.of(450, "4.2.0 <" + recipient + ">: scripted: greylisted");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            DeliveryResult result = mailer.send(message("ann@example.org"));

            assertThat(result.outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(result.code()).isEqualTo(450);
            assertThat(result.reply()).contains("greylisted");
            assertThat(server.count("RSET")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void relayAccessDeniedToRcptStopsTheRun(boolean pipelining) {
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return ScriptedSmtpServer.Reply.of(554, "5.7.1 <" + recipient + ">: Relay access denied");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            assertThatThrownBy(() -> mailer.send(message("ann@example.org")))
                    .isInstanceOf(MailerUnavailableException.class)
                    .hasMessageContaining("Relay access denied")
                    .satisfies(e -> assertThat(((MailerUnavailableException) e).inFlight())
                            .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(554)));
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void aDeferredOrRefusedDataIsTheOutcome(boolean pipelining) {
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            @Override
            public ScriptedSmtpServer.Reply data(String recipient) {
                return recipient.startsWith("later")
                        ? ScriptedSmtpServer.Reply.of(451, "4.3.0 scripted: queue full")
                        : ScriptedSmtpServer.Reply.of(554, "5.3.4 scripted: no more today");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            DeliveryResult later = mailer.send(message("later@example.org"));

            assertThat(later.outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(later.code()).isEqualTo(451);
            assertThatThrownBy(() -> mailer.send(message("ann@example.org")))
                    .isInstanceOf(MailerUnavailableException.class)
                    .hasMessageContaining("DATA")
                    .hasMessageContaining("no more today");
            assertThat(server.count("RSET")).isEqualTo(2);
            assertThat(server.accepted()).isEmpty();
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void aReplyAfterTheDotIsTheOutcome(boolean pipelining) {
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            @Override
            public ScriptedSmtpServer.Reply afterDot(String recipient, int seen) {
                return recipient.startsWith("later")
                        ? ScriptedSmtpServer.Reply.of(451, "4.3.0 scripted: try again")
                        : recipient.startsWith("gone")
                                ? ScriptedSmtpServer.Reply.of(550, "5.1.1 scripted: mailbox gone")
                                : ScriptedSmtpServer.Reply.ok("2.0.0 Ok: queued as Q1");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            List<String> journal = new ArrayList<>();
            DeliveryResult later = mailer.send(message("later@example.org"), () -> journal.add("later"));
            DeliveryResult gone = mailer.send(message("gone@example.org"), () -> journal.add("gone"));
            DeliveryResult ann = mailer.send(message("ann@example.org"), () -> journal.add("ann"));

            assertThat(later.outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(gone.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(gone.reply()).contains("mailbox gone");
            assertAccepted(ann);
            assertThat(ann.reply()).contains("queued as Q1");
            assertThat(journal).containsExactly("later", "gone", "ann");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void theAttemptIsToldAfterThe354AndBeforeTheDot(boolean pipelining) {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new Server(pipelining));
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            List<String> seenAtDataEnd = new ArrayList<>();
            DeliveryResult result = mailer.send(message("ann@example.org"), () -> {
                seenAtDataEnd.addAll(server.commands());
                seenAtDataEnd.add("accepted so far: " + server.accepted().size());
            });

            assertAccepted(result);
            assertThat(seenAtDataEnd).contains("1 DATA", "accepted so far: 0");
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void a421ToRcptClosesTheConnectionAndTheNextMessageGoesOnANewOne(boolean pipelining) {
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return recipient.startsWith("busy")
                        ? ScriptedSmtpServer.Reply.of(421, "4.7.0 scripted: closing connection")
                        : ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            DeliveryResult busy = mailer.send(message("busy@example.org"));
            DeliveryResult ann = mailer.send(message("ann@example.org"));

            assertThat(busy.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(busy.reply()).contains("closing connection").contains("rcpt");
            assertAccepted(ann);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void aConnectionDroppedAfterTheReplyToMailFailsTheMessageWhichGoesAgainOnANewOne(boolean pipelining) {
        AtomicInteger mails = new AtomicInteger();
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            @Override
            public ScriptedSmtpServer.Reply mailFrom(int connection) {
                return mails.incrementAndGet() == 1
                        ? ScriptedSmtpServer.Reply.ok("2.1.0 Ok").thenClose()
                        : ScriptedSmtpServer.Reply.ok("2.1.0 Ok");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script)) {
            EngineRun run = new EngineRun(dir).attempts(3);
            MailingReport report = run.send(server.port(), EngineRun.recipients(3));

            assertThat(report.complete()).isTrue();
            assertThat(report.accepted()).isEqualTo(3);
            assertThat(report.retries()).isEqualTo(1);
            assertThat(server.acceptedRecipients()).containsExactlyElementsOf(EngineRun.recipients(3));
            assertThat(server.connections()).isEqualTo(2);
            assertThat(run.report().count("failed")).isZero();
            assertThat(run.report().inDoubt()).isEmpty();
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void aConnectionClosedWhileIdleIsNoticedAtMailAndTheMessageGoesAgainAtOnce(boolean pipelining) {
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            @Override
            public boolean closeAfterMessage(int connection, int n) {
                return true;
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            for (String to : List.of("ann@example.org", "bob@example.org", "cy@example.org")) {
                assertAccepted(mailer.send(message(to)));
            }

            assertThat(server.connections()).isEqualTo(3);
            assertThat(server.acceptedRecipients())
                    .containsExactly("ann@example.org", "bob@example.org", "cy@example.org");
        }
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void a421ToMailOnAReusedConnectionSendsTheMessageAgainAtOnceOnANewOne(boolean pipelining) {
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            private final java.util.Map<Integer, AtomicInteger> mails = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public ScriptedSmtpServer.Reply mailFrom(int connection) {
                // a server that ends each connection after one message, with a 421 to the next MAIL
                return mails.computeIfAbsent(connection, c -> new AtomicInteger())
                                        .incrementAndGet()
                                > 1
                        ? ScriptedSmtpServer.Reply.of(421, "4.7.0 scripted: too many messages, closing")
                        : ScriptedSmtpServer.Reply.ok("2.1.0 Ok");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            for (String to : List.of("ann@example.org", "bob@example.org", "cy@example.org")) {
                assertAccepted(mailer.send(message(to)));
            }

            assertThat(server.connections()).isEqualTo(3);
            assertThat(server.accepted()).hasSize(3);
        }
    }

    /**
     * A reply that refuses nothing but is not the one the step expects (250 to DATA, as when a
     * server's replies get out of step with the commands) is no acceptance: nothing was sent. The
     * connection is closed and the message goes again on a new one.
     */
    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    void a250ToDataIsNoAcceptanceTheMessageGoesAgainOnANewConnection(boolean pipelining) {
        AtomicInteger datas = new AtomicInteger();
        ScriptedSmtpServer.Script script = new Server(pipelining) {
            @Override
            public ScriptedSmtpServer.Reply data(String recipient) {
                return datas.incrementAndGet() == 1
                        ? ScriptedSmtpServer.Reply.ok("2.0.0 scripted: out of step")
                        : ScriptedSmtpServer.Reply.of(354, "End data with <CR><LF>.<CR><LF>");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script)) {
            EngineRun run = new EngineRun(dir).attempts(3);
            MailingReport report = run.send(server.port(), EngineRun.recipients(3));

            assertThat(report.accepted()).isEqualTo(3);
            assertThat(report.retries()).isEqualTo(1);
            assertThat(server.acceptedRecipients()).containsExactlyElementsOf(EngineRun.recipients(3));
            assertThat(server.connections()).isEqualTo(2);
            assertThat(run.report().count("failed")).isZero();
            assertThat(run.report().retries()).isEqualTo(1);
        }
    }

    /**
     * A server that refuses the recipient and then never answers the DATA after it costs a
     * timeout (and its connection), never a wrong outcome.
     */
    @Test
    void aServerThatNeverAnswersDataAfterARefusedRecipientCostsATimeoutNotTheOutcome() {
        ScriptedSmtpServer.Script silentAfterRefusal = new Server(true) {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return recipient.startsWith("bad")
                        ? ScriptedSmtpServer.Reply.of(550, "5.1.1 scripted: user unknown")
                        : ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
            }

            @Override
            public ScriptedSmtpServer.Reply dataWithoutRecipients() {
                return ScriptedSmtpServer.Reply.tarpit();
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(silentAfterRefusal);
                Mailer mailer = new SmtpMailer(
                        SmtpEndpoint.loopback(server.port(), HUNG, "sender.example.org", false), SmtpPath.FAST)) {
            DeliveryResult bad = mailer.send(message("bad@example.org"));
            DeliveryResult ann = mailer.send(message("ann@example.org"));

            assertThat(bad.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(bad.code()).isEqualTo(550);
            assertAccepted(ann);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    /**
     * GreenMail (like SubEthaSMTP, the capture server) does not offer PIPELINING: its round trip is
     * Angus' one-command-at-a-time path, and the message arrives as built.
     */
    @Test
    void greenMailOffersNoPipeliningAndGetsTheMessageByteForByte() throws Exception {
        int port = GREENMAIL.getSmtp().getPort();
        assertThat(ehlo(port)).contains("250").doesNotContain("PIPELINING");
        OutgoingMessage message = message("ann@example.org", "a line\n.with a leading dot\n.\n");

        try (Mailer mailer = new SmtpMailer(
                SmtpEndpoint.loopback(port, Duration.ofSeconds(20), "sender.example.org", false), SmtpPath.FAST)) {
            assertAccepted(mailer.send(message));
        }

        MimeMessage[] received = GREENMAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received[0].writeTo(raw);
        // GreenMail puts Return-Path and Received on top, and keeps the last CRLF as part of the
        // end of data (CRLF.CRLF): everything else is our bytes
        String ours = new String(message.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(ours).endsWith("\r\n");
        assertThat(raw.toString(StandardCharsets.ISO_8859_1))
                .startsWith("Return-Path: <" + SENDER + ">\r\nReceived: ")
                .endsWith("\r\n" + ours.substring(0, ours.length() - 2));
    }

    private static String ehlo(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            in.readLine(); // the greeting
            out.write("EHLO sender.example.org\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            StringBuilder reply = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                reply.append(line).append('\n');
            } while (line != null && line.length() > 3 && line.charAt(3) == '-');
            out.write("QUIT\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return reply.toString();
        }
    }

    @Test
    void aServerThatSays354WithoutRecipientsGetsAnEmptyMessageAndTheRecipientsRefusalIsTheOutcome() {
        ScriptedSmtpServer.Script lax = new Server(true) {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return recipient.startsWith("bad")
                        ? ScriptedSmtpServer.Reply.of(550, "5.1.1 scripted: user unknown")
                        : ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
            }

            @Override
            public ScriptedSmtpServer.Reply dataWithoutRecipients() {
                return ScriptedSmtpServer.Reply.of(354, "go ahead anyway");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(lax);
                Mailer mailer = mailer(server, SmtpPath.FAST)) {
            AtomicInteger dataEnds = new AtomicInteger();
            DeliveryResult bad = mailer.send(message("bad@example.org"), dataEnds::incrementAndGet);
            DeliveryResult ann = mailer.send(message("ann@example.org"));

            assertThat(bad.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(bad.reply()).contains("user unknown");
            assertThat(dataEnds).hasValue(0);
            assertThat(server.dataWithoutRecipients()).containsExactly("");
            assertAccepted(ann);
            assertThat(server.acceptedRecipients()).containsExactly("ann@example.org");
        }
    }

    private record Wire(List<String> data, List<String> commands, List<String> batches) {}

    private static Wire sendAll(ScriptedSmtpServer.Script script, SmtpPath path, List<OutgoingMessage> messages) {
        return sendAll(script, path, messages, false);
    }

    /** Sends every message over one connection of {@code path}, to a fresh server. */
    private static Wire sendAll(
            ScriptedSmtpServer.Script script, SmtpPath path, List<OutgoingMessage> messages, boolean smtputf8) {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script)) {
            SmtpEndpoint endpoint =
                    SmtpEndpoint.loopback(server.port(), Duration.ofSeconds(20), "sender.example.org", smtputf8);
            try (Mailer mailer = new SmtpMailer(endpoint, path)) {
                for (OutgoingMessage message : messages) {
                    assertAccepted(mailer.send(message));
                }
            }
            // every message was answered before send returned; the QUIT of close() may not have arrived yet
            return new Wire(
                    server.accepted().stream()
                            .map(ScriptedSmtpServer.Received::data)
                            .toList(),
                    server.commands().stream()
                            .filter(command -> !command.endsWith(" QUIT"))
                            .toList(),
                    server.batches());
        }
    }

    private static Mailer mailer(ScriptedSmtpServer server, SmtpPath path) {
        return new SmtpMailer(
                SmtpEndpoint.loopback(server.port(), Duration.ofSeconds(20), "sender.example.org", false), path);
    }

    private static void assertAccepted(DeliveryResult result) {
        assertThat(result.outcome()).as(result.reply()).isEqualTo(Outcome.ACCEPTED);
    }

    private static OutgoingMessage message(String to) {
        return message(to, "Hello " + to + "\n");
    }

    private static OutgoingMessage message(String to, String text) {
        return MESSAGES.build(letter(to, text));
    }

    private static Letter letter(String to, String text) {
        return letter(EmailAddress.parse(to), text);
    }

    private static Letter letter(EmailAddress to, String text) {
        return new Letter(
                Mailbox.parse("The Packet <" + SENDER + ">"),
                Optional.empty(),
                new Mailbox("", to),
                new Letter.Content("Fall \u2014 the packet", "<p>Hello</p>\n.<p>x</p>\n", text),
                "<fall." + to.hashCode() + "@sender.example.org>",
                ZonedDateTime.parse("2026-11-01T09:00:00Z"),
                "The Packet <list.sender.example.org>",
                URI.create("https://sender.example.org/unsubscribe?t=x"),
                Optional.empty());
    }
}
