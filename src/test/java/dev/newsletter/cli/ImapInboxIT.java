package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.testing.ReturnMail;
import dev.newsletter.testing.SampleProject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code inbox scan} without a source option reads the IMAP mailbox of {@code inbox:} (GreenMail over
 * real IMAP on a loopback port): a dry run changes nothing on the server, {@code --apply} changes the
 * lists and moves each recorded message to {@code inbox.doneFolder}, and a second run changes nothing.
 */
class ImapInboxIT {
    static final String PASSWORD = ReturnMail.PASSWORD;
    static final Map<String, String> ENV = ReturnMail.env();

    @RegisterExtension
    static final GreenMailExtension IMAP = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @TempDir
    Path dir;

    SampleProject project;
    GreenMailUser user;
    final Map<String, String> ids = new HashMap<>();

    @BeforeEach
    void theSampleProjectSentTheFallIssueAndBouncesCameBack() {
        project = SampleProject.copyTo(dir.resolve("project"));
        ids.putAll(ReturnMail.journalTheFallIssue(project));
        user = IMAP.setUser("bounces@pdl.example.org", "bounces", PASSWORD);
        project.append("config/newsletter.yaml", inboxSection(IMAP.getImap().getPort(), "none", ""));
    }

    static String inboxSection(int port, String tls, String extra) {
        return ReturnMail.inboxSection(port, tls, extra);
    }

    static String hardBounce(String id, String recipient) {
        return ReturnMail.hardBounce(id, recipient);
    }

    String complaint() {
        return """
                From: Example Mail <feedback@example.net>
                To: abuse@pdl.example.org
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F1"

                --F1
                Content-Type: text/plain

                This is an email abuse report.

                --F1
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                Version: 1
                Original-Rcpt-To: zoe.mueller@example.org

                --F1
                Content-Type: message/rfc822

                From: The PDL Packet <packet@pdl.example.org>
                To: zoe.mueller@example.org
                Message-ID: %s

                Hello, readers.
                --F1--
                """.formatted(ids.get("zoe.mueller@example.org")).replace("\n", "\r\n");
    }

    void deliver(String raw) {
        ReturnMail.deliver(user, raw);
    }

    void deliverTheBounces() {
        deliver(hardBounce(ids.get("ana.lima@example.org"), "ana.lima@example.org"));
        deliver(complaint());
        deliver(
                "From: ana.lima@example.org\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\n\r\nAway.\r\n");
    }

    SampleProject.Run scan(String... options) {
        List<String> args = new ArrayList<>(List.of("inbox", "scan"));
        args.addAll(List.of(options));
        return project.run(ENV, args.toArray(String[]::new));
    }

    static List<JsonNode> lines(SampleProject.Run run) {
        JsonMapper json = JsonMapper.builder().build();
        return run.out().lines().map(json::readTree).toList();
    }

    /** What the server holds: folder name → one entry per message, its subject and whether it is \Seen. */
    Map<String, List<String>> server() throws Exception {
        Properties props = new Properties();
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", IMAP.getImap().getPort(), "bounces", PASSWORD);
        try {
            Map<String, List<String>> folders = new java.util.TreeMap<>();
            for (Folder folder : store.getDefaultFolder().list("*")) {
                folder.open(Folder.READ_ONLY);
                List<String> messages = new ArrayList<>();
                for (Message m : folder.getMessages()) {
                    messages.add(m.getSubject()
                            + (m.isSet(Flags.Flag.SEEN) ? " (seen)" : "")
                            + (m.isSet(Flags.Flag.DELETED) ? " (deleted)" : ""));
                }
                folder.close(false);
                folders.put(folder.getFullName(), messages);
            }
            return folders;
        } finally {
            store.close();
        }
    }

    @Test
    void aDryRunShowsEveryMessageByUidAndChangesNothingOnTheServer() throws Exception {
        deliverTheBounces();
        Map<String, List<String>> before = server();

        SampleProject.Run run = scan("--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(lines(run))
                .extracting(l -> l.get("source").asString() + " "
                        + l.get("kind").asString() + " " + l.get("recipient").asString("-") + " "
                        + l.get("action").asString())
                .containsExactly(
                        "imap:1 hard-bounce ana.lima@example.org suppress",
                        "imap:2 complaint zoe.mueller@example.org suppress",
                        "imap:3 auto-reply ana.lima@example.org none");
        assertThat(run.err()).contains("Dry run: nothing was changed");
        assertThat(server()).isEqualTo(before).doesNotContainKey("Done");
        assertThat(before.get("INBOX")).hasSize(3).noneMatch(m -> m.contains("(seen)"));
        assertThat(Files.exists(project.resolve("var/inbox/processed.jsonl"))).isFalse();
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,active,");
    }

    @Test
    void applyChangesTheListsMovesEveryMessageToTheDoneFolderAndASecondRunChangesNothing() throws Exception {
        deliverTheBounces();

        SampleProject.Run first = scan("--apply", "--format", "json");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(lines(first))
                .extracting(
                        l -> l.get("kind").asString() + " " + l.get("action").asString())
                .containsExactly("hard-bounce suppress", "complaint suppress", "auto-reply none");
        assertThat(project.read(SampleProject.LIST_FILE))
                .contains("ana.lima@example.org,Ana Lima,bounced,")
                .contains("zoe.mueller@example.org,Zoë Müller,complained,");
        assertThat(project.read("var/inbox/processed.jsonl").lines()).hasSize(3);
        Map<String, List<String>> after = server();
        assertThat(after.get("INBOX")).isEmpty();
        assertThat(after.get("Done")).hasSize(3);
        String list = project.read(SampleProject.LIST_FILE);
        String suppressed = project.read(SampleProject.SUPPRESSED_FILE);

        SampleProject.Run second = scan("--apply", "--format", "json");

        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).isEmpty();
        assertThat(second.err()).contains("0 messages");
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(list);
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).isEqualTo(suppressed);
        assertThat(project.read("var/inbox/processed.jsonl").lines()).hasSize(3);
        assertThat(server()).isEqualTo(after);
    }

    @Test
    void aMessageRecordedButNotMovedIsMovedNextTimeAndNotAppliedAgain() throws Exception {
        // the crash between the record and the move, simulated: the same message was recorded
        // (through a maildir holding it) but is still in the IMAP folder
        String bounce = hardBounce(ids.get("ana.lima@example.org"), "ana.lima@example.org");
        Path maildir = dir.resolve("Maildir");
        Files.createDirectories(maildir.resolve("new"));
        Files.writeString(maildir.resolve("new/1.M1.mx"), bounce);
        assertThat(scan("--maildir", maildir.toString(), "--apply").code()).isZero();
        String list = project.read(SampleProject.LIST_FILE);
        String suppressed = project.read(SampleProject.SUPPRESSED_FILE);
        deliver(bounce);

        SampleProject.Run run = scan("--apply", "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(lines(run))
                .singleElement()
                .satisfies(line -> assertThat(line.get("result").asString()).contains("already processed"));
        assertThat(run.err()).contains("1 message already processed");
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(list);
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).isEqualTo(suppressed);
        assertThat(project.read("var/inbox/processed.jsonl").lines()).hasSize(1);
        assertThat(server()).containsEntry("INBOX", List.of()).containsKey("Done");
        assertThat(server().get("Done")).hasSize(1);
    }

    @Test
    void aHugeMessageAndMalformedMimeAreReadClassifiedAndMovedWithoutCrashingTheScan() throws Exception {
        StringBuilder huge = new StringBuilder(
                "From: someone@example.net\r\nSubject: a very large attachment\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"X\"\r\n\r\n--X\r\nContent-Type: text/plain\r\n\r\n");
        String line = "A".repeat(76) + "\r\n";
        while (huge.length() < 50 * 1024 * 1024) {
            huge.append(line);
        }
        huge.append("--X--\r\n");
        deliver(huge.toString());
        huge.setLength(0);
        deliver("From: broken@example.net\r\nSubject: broken\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"\r\n\r\n"
                + "--\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; <<<@@@\r\n"
                + "Status: 9.9.9.9\r\n--\r\n\u0000\u0001 not mail at all \u00ff\r\n");
        deliver(hardBounce(ids.get("ana.lima@example.org"), "ana.lima@example.org"));

        SampleProject.Run run = scan("--apply", "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(lines(run))
                .extracting(
                        l -> l.get("source").asString() + " " + l.get("kind").asString())
                .contains("imap:1 other", "imap:3 hard-bounce");
        assertThat(run.err()).contains("3 messages").doesNotContain("\tat ");
        assertThat(server().get("Done")).hasSize(3);
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,bounced,");
    }

    @Test
    void withoutAnInboxSectionOrASourceOptionItSaysWhatToConfigure() {
        project.replace("config/newsletter.yaml", inboxSection(IMAP.getImap().getPort(), "none", ""), "");

        SampleProject.Run run = scan();

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("no inbox: section")
                .contains("inbox.host")
                .contains("--maildir");
    }

    @Test
    void aRefusedLoginIsOneLineWithoutThePasswordOrAStackTrace() {
        Map<String, String> wrong = new HashMap<>(ENV);
        wrong.put("NEWSLETTER_INBOX_PASSWORD", "not-the-password-xyz");

        SampleProject.Run run = project.run(wrong, "inbox", "scan", "--apply");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:")))
                .singleElement()
                .asString()
                .contains("127.0.0.1:" + IMAP.getImap().getPort())
                .contains("refused the login")
                .contains("NEWSLETTER_INBOX_PASSWORD");
        assertThat(run.err() + run.out())
                .doesNotContain("not-the-password-xyz")
                .doesNotContain(PASSWORD)
                .doesNotContain("\tat ");
    }

    @Test
    void anUnreachableServerIsOneLine() throws Exception {
        int closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        project.replace(
                "config/newsletter.yaml",
                "port: " + IMAP.getImap().getPort() + "\n  tls",
                "port: " + closed + "\n  tls");

        SampleProject.Run run = scan();

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:")))
                .singleElement()
                .asString()
                .contains("127.0.0.1:" + closed)
                .contains("inbox.port");
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain(PASSWORD);
    }

    @Test
    void tlsNoneToAnotherMachineIsRefusedByTheConfig() {
        project.replace("config/newsletter.yaml", "host: 127.0.0.1\n  port: ", "host: imap.example.org\n  port: ");

        SampleProject.Run run = scan();

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("inbox.tls is none")
                .contains("clear text")
                .contains("imap.example.org");
    }

    @Test
    void xoauth2LogsInWithAnAccessTokenFromTheTokenEndpointAskedForWithTheConfiguredScope() throws Exception {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer tokens =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        tokens.createContext("/token", exchange -> {
            asked.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            // GreenMail takes a token equal to the user's password
            byte[] body = ("{\"access_token\":\"" + PASSWORD + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tokens.start();
        try {
            project.replace(
                    "config/newsletter.yaml",
                    "  doneFolder: Done\n",
                    "  doneFolder: Done\n  auth: xoauth2\n  oauth:\n    grant: client-credentials\n"
                            + "    tokenUrl: http://127.0.0.1:"
                            + tokens.getAddress().getPort() + "/token\n"
                            + "    clientId: bounce-reader\n    scope: https://mail.example.org/imap\n");
            deliverTheBounces();
            Map<String, String> env = new HashMap<>(SampleProject.ENV);
            env.put("NEWSLETTER_OAUTH_CLIENT_SECRET", "client-secret-xyz");

            SampleProject.Run run = project.run(env, "inbox", "scan", "--format", "json");

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(lines(run)).hasSize(3);
            assertThat(asked)
                    .singleElement()
                    .asString()
                    .contains("grant_type=client_credentials")
                    .contains("scope=https%3A%2F%2Fmail.example.org%2Fimap");
            assertThat(run.err() + run.out())
                    .doesNotContain("client-secret-xyz")
                    .doesNotContain(PASSWORD);
        } finally {
            tokens.stop(0);
        }
    }

    @Test
    void starttlsRequiredRefusesAServerWithoutStarttlsBeforeAnyLogin() {
        project.replace("config/newsletter.yaml", "  tls: none\n", "  tls: starttls-required\n");
        deliverTheBounces();

        SampleProject.Run run = scan("--apply");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:")))
                .singleElement()
                .asString()
                .contains("127.0.0.1:" + IMAP.getImap().getPort())
                .contains("STARTTLS");
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain(PASSWORD);
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,active,");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"MOVE", "MOVE UIDPLUS"})
    void aServerWithoutMoveGetsCopyDeletedAndExpunge(String hidden) throws Exception {
        deliverTheBounces();
        try (CapabilityHidingProxy proxy =
                new CapabilityHidingProxy(IMAP.getImap().getPort(), List.of(hidden.split(" ")))) {
            project.replace(
                    "config/newsletter.yaml",
                    "port: " + IMAP.getImap().getPort() + "\n",
                    "port: " + proxy.port() + "\n");

            SampleProject.Run run = scan("--apply", "--format", "json");

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(lines(run)).hasSize(3);
            List<String> commands = proxy.commands();
            assertThat(commands).noneMatch(c -> c.contains("MOVE ")).anyMatch(c -> c.startsWith("UID COPY "));
            assertThat(commands)
                    .anyMatch(c -> hidden.contains("UIDPLUS") ? c.equals("EXPUNGE") : c.startsWith("UID EXPUNGE"));
        }
        Map<String, List<String>> after = server();
        assertThat(after.get("INBOX")).isEmpty();
        assertThat(after.get("Done")).hasSize(3).noneMatch(m -> m.contains("(deleted)"));
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,bounced,");
    }

    /**
     * The connection drops after the first message was applied (at its move): the lists were changed,
     * so the run says what it changed (the table) and exits 1 like any incomplete run, not 2 ("bad
     * input, nothing changed"); the next run moves the message without applying it again.
     */
    @Test
    void aConnectionLostAfterChangesShowsTheChangesAndExitsIncomplete() throws Exception {
        deliverTheBounces();
        try (CapabilityHidingProxy proxy =
                new CapabilityHidingProxy(IMAP.getImap().getPort(), List.of(), "UID MOVE")) {
            project.replace(
                    "config/newsletter.yaml",
                    "port: " + IMAP.getImap().getPort() + "\n",
                    "port: " + proxy.port() + "\n");

            SampleProject.Run run = scan("--apply");

            assertThat(run.code()).as(run.err()).isEqualTo(1);
            assertThat(run.out()).contains("ana.lima@example.org").contains("suppress");
            assertThat(run.err().lines().filter(l -> l.startsWith("error:")))
                    .singleElement()
                    .asString()
                    .contains("imap:1");
        }
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,bounced,");
    }
}
