package dev.newsletter.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hard bounces found in the journals from send time, by each recipient's final result. */
class SendTimeBouncesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final DeliveryResult UNKNOWN = DeliveryResult.ofReply(550, "550 5.1.1 <x>: user unknown");
    private static final DeliveryResult FULL = DeliveryResult.ofReply(552, "552 5.2.2 mailbox full");
    private static final DeliveryResult OK = DeliveryResult.ofReply(250, "250 2.0.0 Ok");

    @TempDir
    Path dir;

    private SampleProject project;
    private Config config;

    @BeforeEach
    void theSampleProject() {
        project = SampleProject.copyTo(dir);
        config = ConfigLoader.load(project.config());
    }

    private Path journal(SmtpSettings.Mode mode, String issue, String file) {
        return config.journalsDir(mode).resolve(issue).resolve(file);
    }

    private static void write(Path file, String email, DeliveryResult result) {
        try (DeliveryJournal journal = DeliveryJournal.open(file, CLOCK)) {
            journal.attempt(email, "<" + email + "@id>", 1);
            journal.result(email, "<" + email + "@id>", 1, result, 5);
        }
    }

    @Test
    void onlyA51xRejectionThatIsTheFinalResultIsAHardBounce() {
        Path file = journal(SmtpSettings.Mode.RELAY, "2024-fall", "pdl-packet.jsonl");
        write(file, "ana.lima@example.org", UNKNOWN);
        write(file, "later.ok@example.org", UNKNOWN);
        write(file, "later.ok@example.org", OK);
        write(file, "full@example.org", FULL);

        assertThat(SendTimeBounces.in(file, "2024-fall"))
                .extracting(SendTimeBounces.Bounce::email)
                .containsExactly("ana.lima@example.org");
    }

    private static void run(Path file, String time, String email, DeliveryResult result) {
        Clock clock = Clock.fixed(Instant.parse(time), ZoneOffset.UTC);
        try (DeliveryJournal journal = DeliveryJournal.open(file, clock)) {
            journal.runStarted(time, java.util.Map.of());
            journal.attempt(email, "<" + email + "@id>", 1);
            journal.result(email, "<" + email + "@id>", 1, result, 5);
            journal.runFinished(time, java.util.Map.of());
        }
    }

    @Test
    void anAddressAcceptedByALaterIssuesSendIsNotBounced() {
        Path fall = journal(SmtpSettings.Mode.RELAY, "2024-fall", "pdl-packet.jsonl");
        Path winter = journal(SmtpSettings.Mode.RELAY, "2024-winter", "pdl-packet.jsonl");
        run(fall, "2024-10-01T09:00:00Z", "ana.lima@example.org", UNKNOWN);
        run(winter, "2024-12-01T09:00:00Z", "ana.lima@example.org", OK);
        run(fall, "2024-10-01T09:00:00Z", "zoe.mueller@example.org", OK);
        run(winter, "2024-12-01T09:00:00Z", "zoe.mueller@example.org", UNKNOWN);

        assertThat(SendTimeBounces.ofList(config, "pdl-packet")).singleElement().satisfies(bounce -> {
            assertThat(bounce.email()).isEqualTo("zoe.mueller@example.org");
            assertThat(bounce.issue()).isEqualTo("2024-winter");
        });
    }

    @Test
    void readsRelayJournalsOfTheListOnlyNotCaptureTestOrOtherLists() {
        write(journal(SmtpSettings.Mode.RELAY, "2024-fall", "pdl-packet.jsonl"), "ana.lima@example.org", UNKNOWN);
        write(journal(SmtpSettings.Mode.RELAY, "2024-winter", "pdl-packet.jsonl"), "ana.lima@example.org", UNKNOWN);
        write(journal(SmtpSettings.Mode.RELAY, "2024-fall", "_test.jsonl"), "t@example.org", UNKNOWN);
        write(journal(SmtpSettings.Mode.RELAY, "2024-fall", "other.jsonl"), "o@example.org", UNKNOWN);
        write(journal(SmtpSettings.Mode.CAPTURE, "2024-fall", "pdl-packet.jsonl"), "c@example.org", UNKNOWN);

        List<SendTimeBounces.Bounce> bounces = SendTimeBounces.ofList(config, "pdl-packet");

        assertThat(bounces).singleElement().satisfies(bounce -> {
            assertThat(bounce.email()).isEqualTo("ana.lima@example.org");
            assertThat(bounce.issue()).isEqualTo("2024-fall");
            assertThat(bounce.status()).isEqualTo("5.1.1");
        });
    }

    @Test
    void applyingMarksBouncedAndSuppressesOnceThenChangesNothing() {
        write(journal(SmtpSettings.Mode.RELAY, "2024-fall", "pdl-packet.jsonl"), "ana.lima@example.org", UNKNOWN);
        List<SendTimeBounces.Bounce> bounces = SendTimeBounces.ofList(config, "pdl-packet");

        assertThat(SendTimeBounces.apply(config, CLOCK, bounces))
                .singleElement()
                .satisfies(applied -> assertThat(applied.done().changed()).isTrue());
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,bounced,");
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).contains("ana.lima@example.org,hard-bounce,");

        String list = project.read(SampleProject.LIST_FILE);
        String suppressed = project.read(SampleProject.SUPPRESSED_FILE);
        assertThat(SendTimeBounces.apply(config, CLOCK, bounces))
                .singleElement()
                .satisfies(applied -> assertThat(applied.done().changed()).isFalse());
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(list);
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).isEqualTo(suppressed);
    }
}
