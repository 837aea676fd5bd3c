package dev.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.testing.ReturnMail;
import dev.newsletter.testing.SampleProject;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code inbox scan --apply} killed, for real, in its own JVM, at many points of a maildir of
 * varied returns: each time it is run again, and in the end the lists, {@code suppressed.csv},
 * {@code var/inbox/processed.jsonl} and {@code var/bounces.jsonl} are what one uninterrupted run
 * makes: no message applied twice, none lost, no soft bounce counted twice.
 *
 * <p>The deterministic kills use the test hook {@code -Dnewsletter.test.haltAfterChanges=N} ({@link
 * CrashPoint}: {@code Runtime.halt} right after the N-th durable change, as abrupt as {@code kill
 * -9}); another test sends a real SIGKILL ({@link Process#destroyForcibly}) once some lines are out.
 */
class InboxApplyCrashIT {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final List<String> ISSUES = List.of("2024-fall", "2024-winter", "2025-spring");
    private static final int READERS = 30;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void haltedAfterAnyChangeAndRunAgainEndsAsOneUninterruptedRun() throws Exception {
        Path reference = fixture("reference");
        assertThat(run(reference, 0).exit).isZero();
        Path crashed = fixture("crashed");

        List<Integer> exits = new ArrayList<>();
        // kill points counted from each run's start: right after the first change, between a list
        // change and its processed record, after a soft bounce record, and so on
        int[] points = {1, 2, 3, 4, 5, 7, 11, 2, 13, 17, 1, 23};
        for (int point : points) {
            int exit = run(crashed, point).exit;
            exits.add(exit);
            if (exit == 0) {
                break;
            }
            assertThat(exit).as("halted by the hook").isEqualTo(CrashPoint.HALTED);
        }
        if (exits.get(exits.size() - 1) != 0) {
            assertThat(run(crashed, 0).exit).isZero();
        }

        assertThat(exits.stream().filter(e -> e == CrashPoint.HALTED).count()).isGreaterThanOrEqualTo(8);
        assertSameOutcome(crashed, reference);
        assertNothingChangesOnAnotherRun(crashed);
    }

    @Test
    void killedWithSigkillWhileItPrintsAndRunAgainEndsAsOneUninterruptedRun() throws Exception {
        Path reference = fixture("reference");
        assertThat(run(reference, 0).exit).isZero();
        Path crashed = fixture("crashed");

        for (int kill = 0; kill < 4; kill++) {
            Process scan = start(crashed, 0);
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(scan.getInputStream(), StandardCharsets.UTF_8))) {
                // after a few more lines than processed messages so far, at whatever point it is then
                for (int line = 0; line < 3 + kill * 4 && out.readLine() != null; line++) {
                    // reading
                }
                scan.destroyForcibly(); // SIGKILL
                assertThat(scan.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(run(crashed, 0).exit).isZero();

        assertSameOutcome(crashed, reference);
        assertNothingChangesOnAnotherRun(crashed);
    }

    private static void assertSameOutcome(Path crashed, Path reference) {
        assertThat(rows(crashed.resolve(SampleProject.LIST_FILE)))
                .isEqualTo(rows(reference.resolve(SampleProject.LIST_FILE)));
        assertThat(rows(crashed.resolve(SampleProject.SUPPRESSED_FILE)))
                .isEqualTo(rows(reference.resolve(SampleProject.SUPPRESSED_FILE)));
        List<String> processed = keys(crashed.resolve("var/inbox/processed.jsonl"), "key");
        assertThat(processed).as("each message recorded once").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(processed))
                .isEqualTo(new TreeSet<>(keys(reference.resolve("var/inbox/processed.jsonl"), "key")));
        List<String> bounces = keys(crashed.resolve("var/bounces.jsonl"), "message", "address", "issue");
        assertThat(bounces).as("each soft bounce recorded once").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(bounces))
                .isEqualTo(new TreeSet<>(keys(reference.resolve("var/bounces.jsonl"), "message", "address", "issue")));
        assertThat(rows(crashed.resolve(SampleProject.SUPPRESSED_FILE)))
                .as("soft bounces from three issues suppress; from one they do not")
                .anyMatch(row -> row.startsWith("reader13@example.org,soft-bounces"))
                .noneMatch(row -> row.startsWith("reader17@example.org"));
    }

    private void assertNothingChangesOnAnotherRun(Path project) throws Exception {
        String list = Files.readString(project.resolve(SampleProject.LIST_FILE));
        String suppressed = Files.readString(project.resolve(SampleProject.SUPPRESSED_FILE));
        String processed = Files.readString(project.resolve("var/inbox/processed.jsonl"));
        String bounces = Files.readString(project.resolve("var/bounces.jsonl"));

        Result again = run(project, 0);

        assertThat(again.exit).isZero();
        assertThat(again.out.lines())
                .allSatisfy(line ->
                        assertThat(JSON.readTree(line).get("result").asString()).isEqualTo("already processed"));
        assertThat(Files.readString(project.resolve(SampleProject.LIST_FILE))).isEqualTo(list);
        assertThat(Files.readString(project.resolve(SampleProject.SUPPRESSED_FILE)))
                .isEqualTo(suppressed);
        assertThat(Files.readString(project.resolve("var/inbox/processed.jsonl")))
                .isEqualTo(processed);
        assertThat(Files.readString(project.resolve("var/bounces.jsonl"))).isEqualTo(bounces);
    }

    /** The CSV's rows without dates (the runs happen at different times), sorted. */
    private static Set<String> rows(Path csv) {
        try {
            Set<String> rows = new TreeSet<>();
            for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                rows.add(line.replaceAll("\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+Z)?", "DATE"));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> keys(Path jsonl, String... fields) {
        List<String> keys = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = JSON.readTree(line);
                StringBuilder key = new StringBuilder();
                for (String field : fields) {
                    key.append(record.get(field).asString("-")).append('|');
                }
                keys.add(key.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private record Result(int exit, String out) {}

    private static Result run(Path project, int haltAfter) throws Exception {
        Process scan = start(project, haltAfter);
        String out = new String(scan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(scan.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(scan.exitValue(), out);
    }

    private static Process start(Path project, int haltAfter) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path")));
        if (haltAfter > 0) {
            command.add("-Dnewsletter.test.haltAfterChanges=" + haltAfter);
        }
        command.addAll(List.of(
                "dev.newsletter.cli.Main",
                "inbox",
                "scan",
                "--maildir",
                project.resolve("Maildir").toString(),
                "--apply",
                "--format",
                "json"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        builder.environment().put("NEWSLETTER_UNSUBSCRIBE_SECRET", SECRET);
        builder.redirectError(
                ProcessBuilder.Redirect.appendTo(project.resolve("scan.err").toFile()));
        return builder.start();
    }

    /**
     * A project whose list of 30 readers got three issues, and a maildir of what came back: hard
     * bounces, complaints, soft bounces from one and from three issues, mailed unsubscribes,
     * auto-replies, a person's mail, a message twice, one without a Message-ID.
     */
    private Path fixture(String name) throws IOException {
        SampleProject project = SampleProject.withTestConfig(dir.resolve(name)).list("pdl-packet", 0);
        StringBuilder csv = new StringBuilder("email,name,status,subscribed_at,tags\n");
        for (int i = 1; i <= READERS; i++) {
            csv.append("reader")
                    .append(i)
                    .append("@example.org,Reader ")
                    .append(i)
                    .append(",active,2024-01-01,\n");
        }
        project.write(SampleProject.LIST_FILE, csv.toString());
        for (String issue : ISSUES) {
            try (DeliveryJournal journal = DeliveryJournal.open(
                    project.resolve("var/deliveries/" + issue + "/pdl-packet.jsonl"), Clock.systemUTC())) {
                for (int i = 1; i <= READERS; i++) {
                    journal.attempt(reader(i), id(issue, i), 1);
                }
            }
        }
        Path maildir = project.resolve("Maildir");
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
        List<String> messages = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            messages.add(dsn("<dsn-hard-" + i + "@mx.example.com>", i, "5.1.1", "550 5.1.1 User unknown", "2024-fall"));
        }
        for (int i = 9; i <= 12; i++) {
            messages.add(complaint(i));
        }
        for (int i = 13; i <= 16; i++) {
            for (String issue : ISSUES) {
                messages.add(dsn(
                        "<dsn-soft-" + i + "-" + issue + "@mx.example.com>",
                        i,
                        "5.2.2",
                        "552 5.2.2 Mailbox full",
                        issue));
            }
        }
        for (int i = 17; i <= 20; i++) {
            messages.add(dsn("<dsn-once-" + i + "@mx.example.com>", i, "4.2.2", "452 4.2.2 Over quota", "2024-winter"));
        }
        UnsubscribeTokens tokens = new UnsubscribeTokens(SECRET.getBytes(StandardCharsets.UTF_8));
        for (int i = 21; i <= 24; i++) {
            messages.add("From: " + reader(i) + "\nTo: unsubscribe@pdl.example.org\nMessage-ID: <unsub-" + i
                    + "@example.org>\nSubject: unsubscribe-" + tokens.token("pdl-packet", EmailAddress.parse(reader(i)))
                    + "\n\n");
        }
        for (int i = 25; i <= 26; i++) {
            messages.add("From: " + reader(i) + "\nMessage-ID: <away-" + i + "@example.org>\nSubject: Out of office\n"
                    + "Auto-Submitted: auto-replied\nIn-Reply-To: " + id("2024-fall", i) + "\n\nAway.\n");
        }
        messages.add("From: friend@example.com\nMessage-ID: <hello@example.com>\nSubject: hello\n\nHi!\n");
        messages.add(messages.get(0)); // the same bounce delivered twice
        messages.add(dsn(null, 27, "5.1.1", "550 5.1.1 No such user", "2025-spring")); // no Message-ID: its hash
        for (int m = 0; m < messages.size(); m++) {
            Files.writeString(
                    maildir.resolve(m % 2 == 0 ? "new" : "cur")
                            .resolve(String.format("17307%05d.M%dP1.mx%s", m, m, m % 2 == 0 ? "" : ":2,S")),
                    messages.get(m));
        }
        return project.root();
    }

    private static String reader(int i) {
        return "reader" + i + "@example.org";
    }

    private static String id(String issue, int reader) {
        return ReturnMail.messageIds(issue, "pdl-packet").of(EmailAddress.parse(reader(reader)));
    }

    private static String dsn(String ownId, int reader, String status, String diagnostic, String issue) {
        return """
                From: MAILER-DAEMON@mx.example.com
                To: bounces@pdl.example.org
                Subject: Undelivered Mail Returned to Sender
                %sMIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com

                Final-Recipient: rfc822; %s
                Action: failed
                Status: %s
                Diagnostic-Code: smtp; %s
                --B
                Content-Type: text/rfc822-headers

                From: The PDL Packet <packet@pdl.example.org>
                To: %s
                Message-ID: %s
                --B--
                """.formatted(
                        ownId == null ? "" : "Message-ID: " + ownId + "\n",
                        reader(reader),
                        status,
                        diagnostic,
                        reader(reader),
                        id(issue, reader));
    }

    private static String complaint(int reader) {
        return """
                From: fbl@isp.example.net
                To: abuse@pdl.example.org
                Subject: Abuse report
                Message-ID: <arf-%d@isp.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F"

                --F
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                Version: 1
                Original-Rcpt-To: %s

                --F
                Content-Type: message/rfc822

                From: The PDL Packet <packet@pdl.example.org>
                To: %s
                Message-ID: %s

                Hello.
                --F--
                """.formatted(reader, reader(reader), reader(reader), id("2024-winter", reader));
    }
}
