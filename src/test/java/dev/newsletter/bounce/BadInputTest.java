package dev.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever arrives is read and classified, and nothing is thrown. */
class BadInputTest {
    private final BounceClassifier classifier = new BounceClassifier(Optional.empty());

    @Test
    void aFiftyMegabyteMessageIsReadInBoundedMemory() {
        String head = Bounces.dsn(
                        "Delivery failed.",
                        Bounces.group("big@example.com", "failed", "5.3.4", "552 5.3.4 Message too big"))
                .replace(
                        "--B1--",
                        "--B1\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n");
        long size = 50L * 1024 * 1024;
        InputStream message = new InputStream() {
            private final byte[] start = head.getBytes(StandardCharsets.UTF_8);
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                long at = position++;
                if (at < start.length) {
                    return start[(int) at];
                }
                return at % 77 == 76 ? '\n' : 'A';
            }
        };

        List<Finding> findings = classifier.classify(message);

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.SOFT_BOUNCE);
            assertThat(finding.recipient()).isEqualTo("big@example.com");
        });
    }

    @Test
    void aDsnAboutAThousandRecipientsGivesAThousandFindings() {
        String[] groups = new String[1000];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = Bounces.group("reader" + i + "@example.com", "failed", "5.1.1", "550 5.1.1 user unknown");
        }

        List<Finding> findings =
                classifier.classify(Bounces.dsn("Delivery failed.", groups).getBytes(StandardCharsets.UTF_8));

        assertThat(findings).hasSize(1000).allMatch(finding -> finding.kind() == Kind.HARD_BOUNCE);
        assertThat(findings.get(999).recipient()).isEqualTo("reader999@example.com");
    }

    @Test
    void malformedMimeStillGivesWhatCanBeRead() {
        String unterminated = """
                From: MAILER-DAEMON@mx.example.com
                To: bounces@pdl.example.org
                Subject: Undelivered Mail Returned to Sender
                Content-Type: multipart/report; report-type=delivery-status; boundary="never-closed"

                --never-closed
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; cut@example.com
                Action: failed
                Status: 5.1.1
                --never-closed
                Content-Type: message/rfc822
                Content-Transfer-Encoding: base64

                !!!! not base64 at all ####
                """;

        assertThat(classifier.classify(unterminated.getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.kind()).isEqualTo(Kind.HARD_BOUNCE);
                    assertThat(finding.recipient()).isEqualTo("cut@example.com");
                });
    }

    @Test
    void headersAndBodiesInUnknownCharsetsAreRead() {
        byte[] latin1 = """
                From: =?x-unknown-charset?Q?Mail_Syst=E8me?= <MAILER-DAEMON@mx.example.fr>
                To: bounces@pdl.example.org
                Subject: =?x-klingon?B?AAAA?= Non remis
                Content-Type: text/plain; charset="x-no-such-charset"

                Votre message n'a pas pu être remis à :
                inconnu@example.fr
                550 5.1.1 Utilisateur inconnu
                """.getBytes(StandardCharsets.ISO_8859_1);

        assertThat(classifier.classify(latin1)).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.HARD_BOUNCE);
            assertThat(finding.recipient()).isEqualTo("inconnu@example.fr");
        });
    }

    @Test
    void somethingThatIsNotMailAtAllIsOther() {
        byte[] noise = new byte[200_000];
        new Random(42).nextBytes(noise);
        ByteArrayOutputStream longLine = new ByteArrayOutputStream();
        for (int i = 0; i < 400_000; i++) {
            longLine.write(i % 2 == 0 ? 'a' : '.');
        }

        for (byte[] input :
                List.of(noise, new byte[0], longLine.toByteArray(), "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))) {
            assertThat(classifier.classify(input)).singleElement().satisfies(finding -> {
                assertThat(finding.kind()).isEqualTo(Kind.OTHER);
                assertThat(finding.recipient()).isNull();
            });
        }
    }

    @Test
    void aForgedComplaintAboutAnyoneIsJustAComplaintFinding() {
        // attribution (is this address on a list? is the original ours?) is the scan's job, not the classifier's
        assertThat(classifier.classify(Bounces.arf("abuse", "nobody-we-know@example.org", "x@example.org")
                        .getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .satisfies(finding -> assertThat(finding.recipient()).isEqualTo("nobody-we-know@example.org"));
    }
}
