package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Hostile {@code --list}, {@code --tag} and spellings of one address on two lists, over real SMTP to GreenMail. */
class SegmentHostileInputIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private SampleProject sample;

    @BeforeEach
    void relayToGreenMail() {
        sample = SampleProject.copyTo(dir);
        sample.useRelay(SMTP.getSmtp().getPort());
        sample.write(
                "subscribers/alumni.csv",
                "email,name,status,subscribed_at,tags\n" + "ZOE.MUELLER@EXAMPLE.ORG,Zoe again,active,,alumni\n");
    }

    @Test
    void aTrailingCommaADuplicateOrAnUnknownListIsRefusedBeforeAnythingIsSent() {
        for (String option : List.of("pdl-packet,", "pdl-packet,pdl-packet", "pdl-packet,nosuch", ",pdl-packet")) {
            SampleProject.Run run = send("--list", option);

            assertThat(run.code()).as(option + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(option).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void oneAddressSpelledTwoWaysOnTwoListsGetsOneMessageWhicheverListGoesFirst() throws Exception {
        assertThat(send("--list", "alumni").code()).isZero();
        assertThat(send("--list", "pdl-packet", "--tag", "alumni").code()).isZero();
        assertThat(send("--list", "alumni,pdl-packet").code()).isZero();
        assertThat(send("--list", "pdl-packet,alumni").code()).isZero();

        assertThat(received()).containsOnlyOnce("zoe.mueller@example.org");
    }

    @Test
    void overlappingTagSendsOneAfterTheOtherSendEachPersonOnce() throws Exception {
        assertThat(send("--tag", "industry").code()).isZero();
        assertThat(send("--tag", "alumni").code()).isZero();
        assertThat(send("--tag", "sponsor", "--tag", "alumni").code()).isZero();

        assertThat(received()).doesNotHaveDuplicates().contains("zoe.mueller@example.org");
    }

    private SampleProject.Run send(String... options) {
        List<String> args = new ArrayList<>(List.of("send", sample.issue().toString(), "--yes"));
        args.addAll(List.of(options));
        return sample.run(SampleProject.ENV, args.toArray(String[]::new));
    }

    private static List<String> received() {
        return Arrays.stream(SMTP.getReceivedMessages())
                .map(m -> {
                    try {
                        return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0])
                                .getAddress()
                                .toLowerCase(Locale.ROOT);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
