package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.testing.SampleProject;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Segment sends ({@code --tag}, {@code --where}, {@code --list A,B}) over real SMTP to GreenMail, and their journals. */
class SegmentSendIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Map<String, String> ENV = SampleProject.ENV;

    @TempDir
    Path dir;

    private SampleProject sample;

    @BeforeEach
    void relayToGreenMail() {
        sample = SampleProject.copyTo(dir);
        sample.useRelay(SMTP.getSmtp().getPort());
    }

    @Test
    void aTagSendReachesExactlyTheSegmentAndTheWholeListSendThenSkipsThem() throws Exception {
        // the sample list: zoe is tagged alumni;industry, priya industry;sponsor, li (unsubscribed) alumni,
        // tomas (bounced) industry
        SampleProject.Run segment = send("--tag", "alumni", "--tag", "sponsor");

        assertThat(segment.code()).as(segment.err()).isZero();
        assertThat(received()).containsExactlyInAnyOrder("zoe.mueller@example.org", "priya.raman@example.org");
        assertThat(segment.out())
                .contains("to 2 of 5 active subscribers of pdl-packet tagged alumni or sponsor")
                .contains("accepted 2,")
                .contains("; to pdl-packet tagged alumni or sponsor");
        assertThat(sample.journal("2024-fall", "pdl-packet")).contains("zoe.mueller@example.org");

        SampleProject.Run whole = send();

        assertThat(whole.code()).as(whole.err()).isZero();
        assertThat(whole.out()).contains("accepted 3,").contains("skipped 2 (already done)");
        assertThat(received())
                .hasSize(5)
                .doesNotHaveDuplicates()
                .doesNotContain("li.wei@example.org", "tomas.berg@example.org");
    }

    @Test
    void whereSelectsRowsWhoseColumnsAllMatchInAnyCaseOfTheFieldName() throws Exception {
        SampleProject.Run run = send("--where", "Affiliation= Carnegie Mellon University ", "--where", "TAGS=student");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(received()).containsExactly("sam.okafor@example.org");
    }

    @Test
    void suppressionAndStatusApplyToASegmentAsToTheWholeList() throws Exception {
        sample.append(SampleProject.SUPPRESSED_FILE, "zoe.mueller@example.org,unsubscribe,2024-10-01T00:00:00Z\n");

        SampleProject.Run run = send("--tag", "alumni");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(received()).isEmpty(); // li is unsubscribed, zoe suppressed
        assertThat(run.out()).contains("to 0 of 4 active subscribers of pdl-packet tagged alumni (1 more suppressed)");
    }

    @Test
    void anUnknownWhereFieldIsRefusedNamingTheListFileAndItsColumns() {
        SampleProject.Run run = send("--where", "department=cs");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("pdl-packet.csv")
                .contains("department")
                .contains("email, name, status, subscribed_at, tags, affiliation")
                .doesNotContain("Exception");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMalformedWhereIsAUsageError() {
        SampleProject.Run run = send("--where", "=cs");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("FIELD=VALUE");
    }

    @Test
    void mergedListsSendEachAddressOnceTheFirstListsRowWinningAndJournalEachUnderItsOwnList() throws Exception {
        sample.write(
                "subscribers/alumni.csv",
                "email,name,status,subscribed_at,tags\n"
                        + "ZOE.MUELLER@Example.org,Zoe from alumni,active,,\n"
                        + "tomas.berg@example.org,Tomas Berg,active,,\n"
                        + "old.friend@example.org,Old Friend,active,,\n");

        SampleProject.Run run = send("--list", "pdl-packet,alumni");

        assertThat(run.code()).as(run.err()).isZero();
        // tomas is bounced on the first list: that row wins, so no mail although alumni has him active
        assertThat(received())
                .hasSize(6)
                .doesNotHaveDuplicates()
                .contains("old.friend@example.org", "zoe.mueller@example.org")
                .doesNotContain("tomas.berg@example.org");
        MimeMessage zoe = Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> address(m).equals("zoe.mueller@example.org"))
                .findFirst()
                .orElseThrow();
        assertThat(zoe.getHeader("To", null)).contains("Zo"); // the first list's row, not "Zoe from alumni"
        assertThat(zoe.getHeader("To", null)).doesNotContain("alumni");
        assertThat(sample.journal("2024-fall", "alumni"))
                .contains("old.friend@example.org")
                .doesNotContainIgnoringCase("zoe.mueller");
        assertThat(sample.journal("2024-fall", "pdl-packet")).contains("zoe.mueller@example.org");

        // the other order sends no one a second copy (each list's journal knows its own, and each send
        // consults the others); only tomas, whose alumni row now comes first and is active, is new
        SampleProject.Run reversed = send("--list", "alumni,pdl-packet");
        assertThat(reversed.code()).as(reversed.err()).isZero();
        assertThat(reversed.out()).contains("accepted 1,").contains("skipped 6 (already done)");
        assertThat(received()).hasSize(7).doesNotHaveDuplicates().contains("tomas.berg@example.org");
        // and a whole-list send of the second list skips all of it: its own journal and pdl-packet's
        SampleProject.Run alumni = send("--list", "alumni");
        assertThat(alumni.out()).contains("accepted 0,").contains("skipped 3 (already done)");
        assertThat(received()).hasSize(7);
    }

    @Test
    void anAddressInDoubtOnAnotherListIsNotSentWhenInDoubtIsSkip() throws Exception {
        // a crash between the data's last byte and the reply leaves zoe in doubt on pdl-packet: she may
        // have the issue; at most once (--in-doubt skip) must not send it to her through another list
        SampleProject.Run first = send("--tag", "alumni");
        assertThat(first.code()).as(first.err()).isZero();
        Path journal = sample.root().resolve("var/deliveries/2024-fall/pdl-packet.jsonl");
        String withoutResult = sample.journal("2024-fall", "pdl-packet")
                .lines()
                .filter(line -> !(line.contains("\"result\"") && line.contains("zoe.mueller@example.org")))
                .map(line -> line + "\n")
                .collect(java.util.stream.Collectors.joining());
        java.nio.file.Files.writeString(journal, withoutResult);
        sample.write(
                "subscribers/alumni.csv",
                "email,name,status,subscribed_at,tags\n" + "Zoe.Mueller@EXAMPLE.org,Zoe from alumni,active,,\n");

        SampleProject.Run other = send("--list", "alumni", "--in-doubt", "skip");

        assertThat(other.code()).as(other.err()).isZero();
        assertThat(other.out()).contains("accepted 0,");
        assertThat(received()).containsExactly("zoe.mueller@example.org");
    }

    @Test
    void aDryRunSaysWhichSegmentAndSendsNothing() {
        SampleProject.Run run =
                sample.run(ENV, "send", sample.issue().toString(), "--dry-run", "--tag", "industry", "--yes");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("to 2 of 5 active subscribers of pdl-packet tagged industry")
                .contains("dry run, nothing sent: accepted 2,");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    private SampleProject.Run send(String... options) {
        List<String> args = new ArrayList<>(List.of("send", sample.issue().toString(), "--yes"));
        args.addAll(List.of(options));
        return sample.run(ENV, args.toArray(String[]::new));
    }

    private static List<String> received() {
        return Arrays.stream(SMTP.getReceivedMessages())
                .map(SegmentSendIT::address)
                .toList();
    }

    private static String address(MimeMessage message) {
        try {
            return ((jakarta.mail.internet.InternetAddress) message.getAllRecipients()[0])
                    .getAddress()
                    .toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
