package dev.newsletter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryReportTest {
    @TempDir
    Path dir;

    @Test
    void countsLatestStatesRetriesRunsAndListsWhatWasNotAccepted() throws IOException {
        Path file = dir.resolve("j.jsonl");
        Files.writeString(file, """
                {"type":"run","time":"2026-11-02T10:00:00Z","event":"start","run":"r1"}
                {"type":"result","time":"2026-11-02T10:00:01Z","email":"a@example.org","outcome":"deferred","code":451,"status":"4.7.1","reply":"451 4.7.1 greylisted","messageId":"<a>","attempt":1}
                {"type":"attempt","time":"2026-11-02T10:00:02Z","email":"a@example.org","messageId":"<a>","attempt":2}
                {"type":"result","time":"2026-11-02T10:00:02Z","email":"a@example.org","outcome":"accepted","code":250,"status":"2.0.0","reply":"250 2.0.0 queued","messageId":"<a>","attempt":2}
                {"type":"result","time":"2026-11-02T10:00:03Z","email":"b@gmail.com","outcome":"rejected","code":550,"status":"5.1.1","reply":"550 5.1.1 unknown","messageId":"<b>","attempt":1}
                {"type":"attempt","time":"2026-11-02T10:00:04Z","email":"c@example.org","messageId":"<c>","attempt":1}
                {"type":"run","time":"2026-11-02T10:01:00Z","event":"start","run":"r2"}
                {"type":"result","time":"2026-11-02T10:01:02Z","email":"d@example.org","outcome":"failed","code":0,"status":"","reply":"connection reset","messageId":"<d>","attempt":1}
                {"type":"run","time":"2026-11-02T10:01:04Z","event":"end","run":"r2"}
                {"type":"result","time":"2026-11-0
                """);
        DeliveryReport report = DeliveryReport.of(file);

        assertThat(report.recipients()).isEqualTo(4);
        assertThat(report.byOutcome())
                .containsEntry("accepted", 1L)
                .containsEntry("rejected", 1L)
                .containsEntry("failed", 1L)
                .containsEntry("in doubt", 1L)
                .containsEntry("deferred", 0L);
        assertThat(report.byCode())
                .containsEntry(250, 1L)
                .containsEntry(550, 1L)
                .containsEntry(0, 1L);
        assertThat(report.byDomain().get("gmail.com")).containsEntry("rejected", 1L);
        assertThat(report.results()).isEqualTo(4);
        assertThat(report.retries()).isEqualTo(1);
        assertThat(report.inDoubt()).extracting(DeliveryReport.Entry::email).containsExactly("c@example.org");
        assertThat(report.rejected())
                .singleElement()
                .satisfies(e -> assertThat(e.hardBounce()).isTrue());
        assertThat(report.deferred()).extracting(DeliveryReport.Entry::email).containsExactly("d@example.org");
        assertThat(report.runs()).hasSize(2);
        assertThat(report.runs().get(0).finished()).isFalse();
        assertThat(report.runs().get(0).accepted()).isEqualTo(1);
        assertThat(report.runs().get(1).finished()).isTrue();
        assertThat(report.tornLines()).isEqualTo(1);
    }

    @Test
    void domainsPastTheCapAreCountedTogetherAndMoveWithinTheirRow() throws IOException {
        Path file = dir.resolve("domains.jsonl");
        StringBuilder lines = new StringBuilder();
        int domains = DeliveryReport.DOMAIN_CAP + 5;
        for (int i = 0; i < domains; i++) {
            lines.append("{\"type\":\"result\",\"time\":\"2026-11-02T10:00:01Z\",\"email\":\"a@d")
                    .append(i)
                    .append(".example.org\",\"outcome\":\"deferred\",\"code\":451,\"attempt\":1}\n");
        }
        // a recipient past the cap is accepted later: its count moves within the others' row
        lines.append("{\"type\":\"result\",\"time\":\"2026-11-02T10:05:00Z\",\"email\":\"a@d")
                .append(domains - 1)
                .append(".example.org\",\"outcome\":\"accepted\",\"code\":250,\"attempt\":2}\n");
        Files.writeString(file, lines);

        DeliveryReport report = DeliveryReport.of(file);

        assertThat(report.byDomain()).hasSize(DeliveryReport.DOMAIN_CAP + 1);
        assertThat(report.byDomain().get(DeliveryReport.OTHER_DOMAINS))
                .containsEntry("deferred", 4L)
                .containsEntry("accepted", 1L);
        assertThat(report.resultsByAttempt()).containsEntry(1, (long) domains).containsEntry(2, 1L);
    }

    @Test
    void theTimelineCountsAnswersByOutcomeAndCoarsensWithoutLosingAny() throws IOException {
        Path file = dir.resolve("timeline.jsonl");
        StringBuilder lines = new StringBuilder();
        // one answer a minute for two days: 2,880 answers over a span far past the builder's buckets
        for (int i = 0; i < 2_880; i++) {
            lines.append("{\"type\":\"result\",\"time\":\"")
                    .append(java.time.Instant.parse("2026-11-02T00:00:00Z").plusSeconds(60L * i))
                    .append("\",\"email\":\"r")
                    .append(i)
                    .append("@example.org\",\"outcome\":\"")
                    .append(i % 10 == 0 ? "rejected" : "accepted")
                    .append("\",\"code\":250,\"attempt\":1}\n");
        }
        Files.writeString(file, lines);

        DeliveryReport.Timeline timeline = DeliveryReport.of(file).timeline();
        DeliveryReport.Timeline coarse = timeline.coarsen(48);

        assertThat(timeline.buckets().size()).isLessThanOrEqualTo(512);
        assertThat(coarse.buckets().size()).isLessThanOrEqualTo(48);
        assertThat(coarse.bucketSeconds()).isEqualTo(3_600);
        for (DeliveryReport.Timeline t : java.util.List.of(timeline, coarse)) {
            assertThat(t.buckets().stream()
                            .mapToLong(DeliveryReport.Bucket::accepted)
                            .sum())
                    .isEqualTo(2_592);
            assertThat(t.buckets().stream()
                            .mapToLong(DeliveryReport.Bucket::rejected)
                            .sum())
                    .isEqualTo(288);
        }
        assertThat(coarse.buckets().get(0).start()).isEqualTo(java.time.Instant.parse("2026-11-02T00:00:00Z"));
    }
}
