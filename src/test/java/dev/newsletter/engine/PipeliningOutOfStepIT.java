package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.delivery.MessageFactory;
import dev.newsletter.delivery.SmtpEndpoint;
import dev.newsletter.delivery.SmtpMailer;
import dev.newsletter.delivery.smtp.SmtpPath;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.Mailer;
import dev.newsletter.mailing.Outcome;
import dev.newsletter.mailing.OutgoingMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Pipelining against servers the scripted one cannot play: a reply that comes only after the
 * client's next command (so the client has timed out on it and moved on), and a reply cut off in
 * the middle of its lines. A connection whose replies may be out of step with its commands is
 * never used again: a stale reply read as the answer to the next message's command gives that
 * message someone else's outcome.
 */
class PipeliningOutOfStepIT {
    private static final MessageFactory MESSAGES = new MessageFactory();
    private static final String SENDER = "news@sender.example.org";
    /** How long a withheld reply is waited for: well above any reply of a busy but working one. */
    private static final Duration HUNG = Duration.ofSeconds(3);

    /** What a connection does with the first pipelined group it gets; later ones are served normally. */
    private interface FirstGroup {
        /** @return false to end the connection */
        boolean serve(BufferedReader in, OutputStream out) throws IOException;
    }

    /**
     * A server that offers PIPELINING; on its first connection, the first group (MAIL, RCPT, DATA)
     * goes to {@code first}; everything else gets well-behaved answers.
     */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<String> accepted = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        RawServer(FirstGroup first) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        open.add(client);
                        int number = connections.incrementAndGet();
                        Thread t = new Thread(() -> serve(client, number == 1 ? first : null));
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(Socket client, FirstGroup first) {
            try (client) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = client.getOutputStream();
                send(out, "220 raw.localhost ESMTP");
                String recipient = null;
                String line;
                while ((line = in.readLine()) != null) {
                    String upper = line.toUpperCase(Locale.ROOT);
                    if (upper.startsWith("EHLO")) {
                        send(out, "250-raw.localhost\r\n250-PIPELINING\r\n250 8BITMIME");
                    } else if (upper.startsWith("MAIL FROM") && first != null) {
                        in.readLine(); // RCPT TO
                        in.readLine(); // DATA
                        FirstGroup once = first;
                        first = null;
                        if (!once.serve(in, out)) {
                            return;
                        }
                    } else if (upper.startsWith("MAIL FROM")) {
                        send(out, "250 2.1.0 Ok");
                    } else if (upper.startsWith("RCPT TO")) {
                        recipient = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                        send(out, "250 2.1.5 Ok");
                    } else if (upper.equals("DATA")) {
                        send(out, "354 go ahead");
                        while (!".".equals(line = in.readLine())) {
                            if (line == null) {
                                return;
                            }
                        }
                        accepted.add(recipient);
                        send(out, "250 2.0.0 Ok: queued");
                    } else if (upper.equals("RSET")) {
                        send(out, "250 2.0.0 Ok");
                    } else if (upper.equals("QUIT")) {
                        send(out, "221 2.0.0 Bye");
                        return;
                    } else {
                        send(out, "502 5.5.2 not implemented");
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * The sender deferred, then the replies to RCPT and DATA withheld until the client's next
     * command: the client times out on them and sends RSET, and only then do they come, ahead of
     * the 250 to RSET. A lax server's 250 to the RCPT (it keeps no state) then reads as the answer
     * to RSET, and every reply after it is one late: the next message would be answered by DATA's
     * 554. A timeout leaves a connection out of step: it is closed, never reused.
     */
    @Test
    void aTimeoutOnTheRepliesAfterARefusalClosesTheConnection() throws Exception {
        try (RawServer server = new RawServer((in, out) -> {
                    send(out, "451 4.3.0 sender check failed, try later");
                    String next = in.readLine(); // the client gave up waiting and moved on
                    if (next == null) {
                        return false;
                    }
                    send(out, "250 2.1.5 lax: recipient ok\r\n554 5.5.1 no valid recipients\r\n250 2.0.0 Ok");
                    return true;
                });
                Mailer mailer = mailer(server.port())) {
            DeliveryResult first = mailer.send(message("ann@example.org"));
            DeliveryResult second = mailer.send(message("bob@example.org"));

            assertThat(first.outcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(first.code()).isEqualTo(451);
            assertThat(second.outcome()).as(second.reply()).isEqualTo(Outcome.ACCEPTED);
            assertThat(server.accepted).containsExactly("bob@example.org");
            assertThat(server.connections).hasValue(2);
        }
    }

    /**
     * The message refused after the dot (this mailbox), then the reply to the RSET after it withheld
     * until the next command: the client times out on it. Kept, that connection would answer the
     * next message's MAIL FROM with RSET's late 250, and every reply after it one step late. A
     * timeout on that RSET closes the connection; the refusal stays the outcome.
     */
    @Test
    void aTimeoutOnTheResetAfterARefusedMessageClosesTheConnection() throws Exception {
        try (RawServer server = new RawServer((in, out) -> {
                    send(out, "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 go ahead");
                    String line;
                    while (!".".equals(line = in.readLine())) {
                        if (line == null) {
                            return false;
                        }
                    }
                    send(out, "550 5.1.1 mailbox gone");
                    in.readLine(); // RSET: its reply withheld
                    if (in.readLine() == null) { // the next MAIL FROM, or the end
                        return false;
                    }
                    send(out, "250 2.0.0 Ok\r\n250 2.1.0 Ok"); // RSET's late reply, then MAIL's
                    return true;
                });
                Mailer mailer = mailer(server.port())) {
            DeliveryResult first = mailer.send(message("gone@example.org"));
            DeliveryResult second = mailer.send(message("bob@example.org"));

            assertThat(first.outcome()).as(first.reply()).isEqualTo(Outcome.REJECTED);
            assertThat(first.code()).isEqualTo(550);
            assertThat(second.outcome()).as(second.reply()).isEqualTo(Outcome.ACCEPTED);
            assertThat(server.accepted).containsExactly("bob@example.org");
            assertThat(server.connections).hasValue(2);
        }
    }

    /** A multiline reply to RCPT cut off by the end of the connection: a broken connection, not an answer. */
    @Test
    void aReplyCutOffInItsLinesIsABrokenConnection() throws Exception {
        try (RawServer server = new RawServer((in, out) -> {
                    send(out, "250 2.1.0 Ok\r\n550-5.1.1 no such user");
                    return false;
                });
                Mailer mailer = mailer(server.port())) {
            DeliveryResult first = mailer.send(message("ann@example.org"));
            DeliveryResult second = mailer.send(message("bob@example.org"));

            assertThat(first.outcome()).as(first.reply()).isEqualTo(Outcome.FAILED);
            assertThat(second.outcome()).as(second.reply()).isEqualTo(Outcome.ACCEPTED);
            assertThat(server.accepted).containsExactly("bob@example.org");
        }
    }

    private static Mailer mailer(int port) {
        return new SmtpMailer(SmtpEndpoint.loopback(port, HUNG, "sender.example.org", false), SmtpPath.FAST);
    }

    private static OutgoingMessage message(String to) {
        return MESSAGES.build(new Letter(
                Mailbox.parse("The Packet <" + SENDER + ">"),
                Optional.empty(),
                new Mailbox("", EmailAddress.parse(to)),
                new Letter.Content("Fall", "<p>Hello</p>\n", "Hello\n"),
                "<fall." + to.hashCode() + "@sender.example.org>",
                ZonedDateTime.parse("2026-11-01T09:00:00Z"),
                "The Packet <list.sender.example.org>",
                URI.create("https://sender.example.org/unsubscribe?t=x"),
                Optional.empty()));
    }
}
