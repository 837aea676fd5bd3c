package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user meets when {@code send}, {@code test} and {@code report} are misused or their files break. */
class SendHardeningIT {
    @TempDir
    Path dir;

    private SampleProject sample;

    @BeforeEach
    void copySample() {
        sample = SampleProject.copyTo(dir);
    }

    @Test
    void theSuppressionListIsNotASubscriberListToSendTo() throws IOException {
        SampleProject.Run run = send("--list", "suppressed");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("this is the suppression list, not a subscriber list");
        assertThat(dir.resolve("outbox/2024-fall")).doesNotExist();
    }

    @Test
    void limitZeroSendsNothing() throws IOException {
        SampleProject.Run run = send("--limit", "0");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("accepted 0,");
        assertThat(emlFiles(dir.resolve("outbox/2024-fall"))).isEmpty();
    }

    @Test
    void aNegativeLimitIsAUsageError() {
        SampleProject.Run run = send("--limit", "-1");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--limit").doesNotContain("Exception");
        assertThat(dir.resolve("outbox")).doesNotExist();
    }

    @Test
    void aTestSendDoesNotMakeTheSendToAListNamedTestSkipAnyone() throws IOException {
        sample.write(
                "subscribers/test.csv",
                "email,name,status,subscribed_at,tags\nzoe.mueller@example.org,Zoe,active,2024-09-03T08:42:00Z,\n");

        SampleProject.Run test = sample.run("test", issue(), "--to", "zoe.mueller@example.org");
        SampleProject.Run send = send("--list", "test");

        assertThat(test.code()).as(test.err()).isZero();
        assertThat(send.code()).as(send.err()).isZero();
        assertThat(send.out()).contains("accepted 1,").contains("skipped 0");
        assertThat(dir.resolve("outbox/2024-fall/zoe.mueller@example.org.eml")).exists();
    }

    @Test
    void testWithNoAddressIsAUsageError() {
        SampleProject.Run run = sample.run("test", issue(), "--to", ",,,");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--to");
        assertThat(dir.resolve("outbox")).doesNotExist();
    }

    @Test
    void aJournalLineThatIsNotUtf8IsSkippedLikeATornLineBySendAndReport() throws IOException {
        assertThat(send("--limit", "2").code()).isZero();
        Path journal = onlyJournal();
        Files.write(
                journal, new byte[] {'{', '"', 't', 'y', (byte) 0xC3, 0x28, '"', '}', '\n'}, StandardOpenOption.APPEND);

        SampleProject.Run report = sample.run("report", issue());
        SampleProject.Run send = send();

        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).contains("1 torn journal line was skipped");
        assertThat(send.code()).as(send.err()).isZero();
        assertThat(send.out()).contains("accepted 3,").contains("skipped 2");
        assertThat(send.out() + send.err()).contains("1 unreadable journal line");
        assertThat(emlFiles(dir.resolve("outbox/2024-fall"))).hasSize(5);
    }

    @Test
    void anImmutableJournalIsOneClearLineAndExit2() throws Exception {
        assertThat(send("--limit", "2").code()).isZero();
        Path journal = onlyJournal();
        assumeTrue(chattr("+i", journal), "chattr is not available here");
        try {
            SampleProject.Run run = send();

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err())
                    .contains(journal.toString())
                    .contains("immutable or append-only")
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception");
            assertThat(run.err().lines().filter(line -> line.startsWith("error:")))
                    .singleElement()
                    .asString()
                    .endsWith("nothing was sent or changed.");
            assertThat(emlFiles(dir.resolve("outbox/2024-fall"))).hasSize(2);
        } finally {
            chattr("-i", journal);
        }
    }

    @Test
    void anImmutableOutboxIsOneClearLineAndExit2BeforeAnythingIsSent() throws Exception {
        Path outbox = Files.createDirectories(dir.resolve("outbox/2024-fall"));
        assumeTrue(chattr("+i", outbox), "chattr is not available here");
        try {
            SampleProject.Run run = send();

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().lines().filter(line -> line.startsWith("error:")))
                    .singleElement()
                    .asString()
                    .contains(outbox.toString())
                    .contains("immutable or append-only")
                    .doesNotContain("Exception");
            assertThat(run.out()).doesNotContain("accepted");
        } finally {
            chattr("-i", outbox);
        }
    }

    @Test
    void anAppendOnlyJournalStillResumes() throws Exception {
        assertThat(send("--limit", "2").code()).isZero();
        Path journal = onlyJournal();
        assumeTrue(chattr("+a", journal), "chattr is not available here");
        try {
            SampleProject.Run run = send();

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("accepted 3,").contains("skipped 2");
        } finally {
            chattr("-a", journal);
        }
    }

    @Test
    void debugShowsTheStackTraceOfAnIoError() throws Exception {
        assertThat(send("--limit", "2").code()).isZero();
        Path journal = onlyJournal();
        assumeTrue(chattr("+i", journal), "chattr is not available here");
        try {
            SampleProject.Run run = send("--debug");

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("\tat ");
        } finally {
            chattr("-i", journal);
        }
    }

    @Test
    void reportInRelayModeAfterCaptureSendsSaysWhereTheirJournalIs() {
        assertThat(send("--limit", "1").code()).isZero();
        sample.replace("config/newsletter.yaml", "mode: capture", "mode: relay");

        SampleProject.Run run = sample.run("report", issue());

        assertThat(run.code()).isZero();
        assertThat(run.err())
                .contains("Nothing sent yet through the relay")
                .contains(dir.resolve("var/capture/2024-fall/pdl-packet.jsonl").toString());
    }

    @Test
    void aMissingDefaultConfigSaysToRunFromTheProjectFolderOrPassConfig() throws IOException {
        Files.delete(sample.config());
        SampleProject.Run run = sample.run("send", issue());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("no such file")
                .contains("project folder")
                .contains("--config");
    }

    private Path onlyJournal() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("var"))) {
            List<Path> journals =
                    files.filter(f -> f.toString().endsWith(".jsonl")).toList();
            assertThat(journals).hasSize(1);
            return journals.get(0);
        }
    }

    private static boolean chattr(String flag, Path file) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("chattr", flag, file.toString())
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private SampleProject.Run send(String... extra) {
        String[] args =
                Stream.concat(Stream.of("send", issue()), Stream.of(extra)).toArray(String[]::new);
        return sample.run(args);
    }

    private String issue() {
        return sample.issue().toString();
    }

    private static List<Path> emlFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }
}
