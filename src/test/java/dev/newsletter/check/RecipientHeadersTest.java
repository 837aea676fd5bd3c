package dev.newsletter.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.app.ListCensus;
import dev.newsletter.app.Project;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} builds the headers of every recipient's message, not only the first one's. */
class RecipientHeadersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-04T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private SampleProject sample;

    @BeforeEach
    void copySample() {
        sample = SampleProject.copyTo(temp);
    }

    @Test
    void looksAtTheHeadersOfEveryRecipientAndReportsTheLongestLine() {
        sample.append(
                "subscribers/pdl-packet.csv",
                "long.name@example.org," + "N".repeat(200) + ",active,2024-09-02T10:15:00Z,,\n");

        CheckResult result = result(check(), "list-headers");

        assertThat(result.severity()).as(result.toString()).isEqualTo(Severity.PASS);
        assertThat(result.message()).contains("all 6 recipients");
        java.util.regex.Matcher longest = java.util.regex.Pattern.compile("longest header line ([0-9]+) characters")
                .matcher(result.message());
        assertThat(longest.find()).as(result.message()).isTrue();
        assertThat(Integer.parseInt(longest.group(1))).isLessThanOrEqualTo(998);
    }

    @Test
    void reportsTheSameLongestLineAsBuildingEveryHeaderOfEveryRecipient() {
        // names that fold, quote and encode differently; rows that get no message (not active,
        // suppressed) count for nothing, not even with a name longer than any recipient's
        sample.append(
                "subscribers/pdl-packet.csv",
                String.join(
                        "",
                        "quoted@example.org,\"Dr. O'Neil, Jr. (\"\"Ed\"\")\",active,2024-09-02,,\n",
                        "accents@example.org," + "Zoë Ångström ".repeat(14).strip() + ",active,2024-09-02,,\n",
                        "words@example.org," + "Wordy Name ".repeat(18).strip() + ",active,2024-09-02,,\n",
                        "unicode.long@example.org," + "語".repeat(180) + ",active,2024-09-02,,\n",
                        "gone@example.org," + "G".repeat(200) + ",unsubscribed,2024-09-02,,\n",
                        "pending.long@example.org," + "P ".repeat(99) + "P,pending,2024-09-02,,\n",
                        // an address cannot be folded: this To line is longer than any other line
                        "l".repeat(64) + "@" + "d".repeat(60) + "." + "e".repeat(60) + ".example.org,Long Address,"
                                + "active,2024-09-02,,\n",
                        "x".repeat(64) + "@" + "y".repeat(63) + "." + "z".repeat(63) + ".example.org,"
                                + "Pending Long Address,pending,2024-09-02,,\n"));
        sample.append(
                "subscribers/pdl-packet.csv", "held.back@example.org," + "H".repeat(200) + ",active,2024-09-02,,\n");
        sample.append("subscribers/suppressed.csv", "held.back@example.org,unsubscribed,2024-10-15T13:40:00Z\n");

        CheckResult result = result(check(), "list-headers");

        assertThat(result.toString())
                .isEqualTo(CheckResult.pass(
                                "list-headers",
                                "headers built for all 10 recipients; longest header line 201 characters")
                        .toString());
    }

    @Test
    void theSampleListReportsWhatItAlwaysHas() {
        assertThat(result(check(), "list-headers").message())
                .isEqualTo("headers built for all 5 recipients; longest header line 156 characters");
    }

    @Test
    void aListWithNobodyToSendToBuildsNoHeaders() {
        sample.write(
                "subscribers/pdl-packet.csv",
                "email,name,status,subscribed_at,tags\n"
                        + "li.wei@example.org,Li Wei,unsubscribed,2024-09-04T11:20:00Z,alumni\n");

        assertThat(result(check(), "list-headers").message())
                .isEqualTo("headers built for all 0 recipients; longest header line 0 characters");
    }

    @Test
    void refusedToFieldsFailTheCheckNamingTheFirstTenAndCountingTheRest() {
        Path file = Path.of("subscribers/pdl-packet.csv");
        List<dev.newsletter.input.Problem> refused = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            refused.add(dev.newsletter.input.Problem.atLine(
                    file, 2 + i, "bad" + i + "@example.org: display name contains a line break or control character"));
        }
        ListCensus census = census(file, 14, new ListCensus.ToFields(12, refused, 40));
        List<CheckResult> results = new java.util.ArrayList<>();

        RecipientHeaders.check(census, null, results);

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.severity()).isEqualTo(Severity.FAIL);
            assertThat(result.message()).isEqualTo("12 of 14 recipients' messages cannot be built");
            assertThat(result.details()).hasSize(11);
            assertThat(result.details().get(0))
                    .isEqualTo("subscribers/pdl-packet.csv:2: bad0@example.org: display name contains a line break or"
                            + " control character");
            assertThat(result.details().get(10)).isEqualTo("and 2 more");
        });
    }

    @Test
    void oneRefusedRecipientIsNamedWithoutACountOfMore() {
        Path file = Path.of("subscribers/pdl-packet.csv");
        ListCensus census = census(
                file,
                1,
                new ListCensus.ToFields(
                        1, List.of(dev.newsletter.input.Problem.atLine(file, 2, "a@example.org: no")), 0));
        List<CheckResult> results = new java.util.ArrayList<>();

        RecipientHeaders.check(census, null, results);

        assertThat(results.get(0).message()).isEqualTo("1 of 1 recipient's message cannot be built");
        assertThat(results.get(0).details()).containsExactly("subscribers/pdl-packet.csv:2: a@example.org: no");
    }

    private static ListCensus census(Path file, long active, ListCensus.ToFields toFields) {
        return new ListCensus(
                file,
                Map.of(dev.newsletter.subscriber.Status.ACTIVE, active),
                0,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                toFields);
    }

    private CheckReport check() {
        Project project = Project.load(
                ConfigLoader.load(sample.resolve("config/newsletter.yaml")), sample.resolve("issues/2024-fall.yaml"));
        return new PreSendCheck(Map.of(), CLOCK, links -> Map.of(), name -> List.of())
                .run(project, new CheckOptions(null, Optional.empty(), false, Duration.ofSeconds(1)));
    }

    private static CheckResult result(CheckReport report, String name) {
        return report.results().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " result in " + report.results()));
    }
}
