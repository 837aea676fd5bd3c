package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.newsletter.cli.Context;
import dev.newsletter.cli.Main;
import dev.newsletter.oauth.FakeTokenEndpoint;
import dev.newsletter.oauth.TestClock;
import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code send} through a relay that accepts only {@code AUTH XOAUTH2} with tokens a local token
 * endpoint issued (client-credentials grant), both on loopback, sharing a test clock: the relay ends
 * each connection after a few messages (421) and moves the clock past the tokens' lifetime, so every
 * reconnect needs a fresh token. Every subscriber is accepted, tokens are fetched a handful of
 * times (not per message), and no token or secret is written or printed anywhere.
 */
class Xoauth2SendIT {
    private static final String MAILBOX = "packet@pdl.example.org";
    private static final String SECRET = "Xy7Q~client-secret-value-0123456789";
    private static final String SCOPE = "https://outlook.office365.com/.default";
    private static final long LIFETIME = 60;
    private static final int RECIPIENTS = 20;
    private static final int PER_CONNECTION = 4;

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final FakeTokenEndpoint endpoint =
            FakeTokenEndpoint.start(clock).client("app-1", SECRET, SCOPE).expiresIn(LIFETIME);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger appLogger = (Logger) LoggerFactory.getLogger("dev.newsletter");
    private Level appLevel;
    private SampleProject project;

    /** Takes only XOAUTH2 with a valid token for the mailbox; ends a connection after a few messages. */
    private final class Office implements ScriptedSmtpServer.Script {
        final Map<Integer, AtomicInteger> mails = new ConcurrentHashMap<>();
        final AtomicInteger refusals = new AtomicInteger();
        final AtomicInteger refuseFirst = new AtomicInteger();
        volatile boolean refuseAll;
        volatile int perConnection = PER_CONNECTION;

        @Override
        public ScriptedSmtpServer.Reply xoauth2(int connection, String user, String token) {
            if (user == null) {
                return ScriptedSmtpServer.Reply.of(235, "offered");
            }
            boolean ok = user.equals(MAILBOX) && endpoint.valid(token) && !refuseAll;
            if (ok && refuseFirst.getAndDecrement() > 0) {
                ok = false;
            }
            if (!ok) {
                refusals.incrementAndGet();
                return ScriptedSmtpServer.Reply.of(535, "5.7.3 Authentication unsuccessful [scripted]");
            }
            return ScriptedSmtpServer.Reply.of(235, "2.7.0 Authentication successful");
        }

        @Override
        public boolean requiresAuth() {
            return true;
        }

        @Override
        public ScriptedSmtpServer.Reply mailFrom(int connection) {
            if (mails.computeIfAbsent(connection, c -> new AtomicInteger()).incrementAndGet() > perConnection) {
                // the session ends; by the next one, every token issued so far has expired
                clock.advance(Duration.ofSeconds(LIFETIME + 1));
                return ScriptedSmtpServer.Reply.of(421, "4.7.0 scripted: too many messages in this session");
            }
            return ScriptedSmtpServer.Reply.ok("2.1.0 Sender OK");
        }
    }

    private final Office office = new Office();
    private final ScriptedSmtpServer relay = ScriptedSmtpServer.start(office);

    @BeforeEach
    void projectSendingThroughTheRelayWithXoauth2() {
        project = SampleProject.copyTo(dir);
        project.useRelay(relay.port());
        project.replace(
                "config/newsletter.yaml",
                "  username: \"\"             # empty: no AUTH\n",
                "  username: " + MAILBOX + "\n"
                        + "  auth: xoauth2\n"
                        + "  oauth:\n"
                        + "    grant: client-credentials\n"
                        + "    tokenUrl: " + endpoint.url() + "\n"
                        + "    clientId: app-1\n"
                        + "    clientSecretEnv: OAUTH_SECRET\n"
                        + "    scope: " + SCOPE + "\n");
        // one connection: the script expires every token when a session ends, so with two, one
        // connection's session end could expire the other's token between its fetch and its AUTH,
        // twice in a row on a loaded machine (a race of the script's clock, not of a real relay);
        // with one, the counts are exact too
        project.replace("config/newsletter.yaml", "connections: 4", "connections: 1");
        project.replace("config/newsletter.yaml", "initialBackoff: 2s", "initialBackoff: 10ms");
        project.replace("config/newsletter.yaml", "maxBackoff: 10m", "maxBackoff: 50ms");
        project.write(
                "subscribers/pdl-packet.csv",
                "email,name,status,subscribed_at,tags\n"
                        + IntStream.rangeClosed(1, RECIPIENTS)
                                .mapToObj(i ->
                                        "reader" + i + "@example.org,Reader " + i + ",active,2024-09-01T00:00:00Z,\n")
                                .collect(Collectors.joining()));
        logs.start();
        appLogger.addAppender(logs);
        appLevel = appLogger.getLevel();
        appLogger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        appLogger.detachAppender(logs);
        appLogger.setLevel(appLevel);
        relay.close();
        endpoint.close();
    }

    private record Run(int code, String out, String err) {}

    private Run send(String secret) {
        return send(secret, Map.of());
    }

    private Run send(String secret, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("OAUTH_SECRET", secret);
        env.put("NEWSLETTER_UNSUBSCRIBE_SECRET", "0123456789abcdef0123456789abcdef");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context = new Context(new PrintWriter(out, true), new PrintWriter(err, true), env, clock, false);
        int code = Main.run(
                context,
                "send",
                project.issue().toString(),
                "--yes",
                "--config",
                project.config().toString());
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void deliversToEverySubscriberAcrossTokenExpiryAndReconnectsWithAHandfulOfTokens() throws IOException {
        Run run = send(SECRET);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(relay.acceptedRecipients()).hasSize(RECIPIENTS).doesNotHaveDuplicates();
        assertThat(run.out()).contains("user " + MAILBOX + " with XOAUTH2");
        assertThat(relay.connections())
                .as("the relay ended sessions after %d messages", PER_CONNECTION)
                .isGreaterThanOrEqualTo(RECIPIENTS / PER_CONNECTION);
        assertThat(endpoint.issuedCount())
                .as("tokens fetched: one per expiry, never per message")
                .isGreaterThanOrEqualTo(3)
                .isLessThanOrEqualTo(relay.connections() + 1)
                .isLessThan(RECIPIENTS);
        assertThat(endpoint.refusals()).isEmpty();
        assertThat(logs.list).as("log lines were looked at").isNotEmpty();
        assertNothingWrittenOrPrintedCarries(run, endpoint.tokens(), SECRET);
    }

    @Test
    void theRefreshTokenGrantDeliversToo() throws IOException {
        String refresh = "1//refresh-token-of-the-user-0123456789";
        endpoint.refreshToken(refresh, "");
        project.replace("config/newsletter.yaml", "    grant: client-credentials\n", "    grant: refresh-token\n");

        Run run = send(SECRET, Map.of("NEWSLETTER_OAUTH_REFRESH_TOKEN", refresh));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(relay.acceptedRecipients()).hasSize(RECIPIENTS);
        assertThat(endpoint.requests()).allSatisfy(r -> assertThat(r).containsEntry("grant_type", "refresh_token"));
        assertNothingWrittenOrPrintedCarries(run, endpoint.tokens(), refresh);
    }

    @Test
    void theJwtBearerGrantOfAServiceAccountDeliversToo() throws IOException {
        java.security.KeyPair keys = dev.newsletter.oauth.ServiceAccountKeys.rsa();
        String account = "newsletter@project.iam.gserviceaccount.com";
        dev.newsletter.oauth.ServiceAccountKeys.write(
                project.resolve("config/service-account.json"), keys, account, endpoint.url());
        endpoint.serviceAccount(keys.getPublic(), account, MAILBOX, SCOPE);
        project.replace(
                "config/newsletter.yaml",
                "    grant: client-credentials\n",
                "    grant: jwt-bearer\n    serviceAccountKey: config/service-account.json\n");
        project.replace("config/newsletter.yaml", "    clientId: app-1\n", "");

        Run run = send(SECRET);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(relay.acceptedRecipients()).hasSize(RECIPIENTS);
        assertThat(endpoint.refusals()).isEmpty();
        assertThat(endpoint.requests())
                .allSatisfy(
                        r -> assertThat(r).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"));
    }

    @Test
    void aWrongClientSecretStopsBeforeAnyMessageWithOneLineAndExit2() throws IOException {
        Run run = send("wrong-" + SECRET);

        assertThat(run.code()).isEqualTo(2);
        List<String> errors =
                run.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0))
                .contains("newsletter.yaml")
                .contains("invalid_client")
                .contains("OAUTH_SECRET")
                .doesNotContain("\tat ");
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(relay.connections()).as("no connection to the relay").isZero();
        assertNothingWrittenOrPrintedCarries(run, List.of(), SECRET);
    }

    @Test
    void aTokenTheRelayRefusesIsReplacedOnceAndTheSendGoesOn() throws IOException {
        office.refuseFirst.set(1);
        office.perConnection = Integer.MAX_VALUE; // no expiry: the one refusal is the revoked token

        Run run = send(SECRET);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(relay.acceptedRecipients()).hasSize(RECIPIENTS);
        assertThat(office.refusals.get()).isEqualTo(1);
        assertThat(endpoint.issuedCount())
                .as("the first token and its one replacement")
                .isEqualTo(2);
        assertNothingWrittenOrPrintedCarries(run, endpoint.tokens(), SECRET);
    }

    @Test
    void aRelayThatRefusesEveryTokenGetsOneRefreshAndOneRetryThenTheRunStops() throws IOException {
        office.refuseAll = true;

        Run run = send(SECRET);

        assertThat(run.code()).isEqualTo(1);
        assertThat(relay.acceptedRecipients()).isEmpty();
        assertThat(relay.count("MAIL FROM")).isZero();
        assertThat(endpoint.issuedCount()).as("the first token and one refresh").isEqualTo(2);
        assertThat(relay.count("AUTH XOAUTH2")).isEqualTo(2);
        assertThat(run.err())
                .contains("refused the XOAUTH2 login for '" + MAILBOX + "', also with a new token")
                .contains("5.7.3 Authentication unsuccessful")
                .contains("Add-MailboxPermission");
        assertNothingWrittenOrPrintedCarries(run, endpoint.tokens(), SECRET);
    }

    /** The journal, the outbox, everything under the project, stdout, stderr and every log line. */
    private void assertNothingWrittenOrPrintedCarries(Run run, List<String> tokens, String secret) throws IOException {
        List<String> secrets = new ArrayList<>(tokens);
        secrets.add(secret);
        List<String> texts = new ArrayList<>();
        texts.add(run.out());
        texts.add(run.err());
        for (ILoggingEvent event : logs.list) {
            texts.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                texts.add(event.getThrowableProxy().getMessage());
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                texts.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        for (String text : texts) {
            for (String s : secrets) {
                assertThat(text).doesNotContain(s);
            }
        }
    }
}
