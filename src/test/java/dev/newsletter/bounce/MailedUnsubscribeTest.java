package dev.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.unsubscribe.UnsubscribeLinks;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mailto: unsubscribe that our List-Unsubscribe header offers, sent back as a mail client sends it. */
class MailedUnsubscribeTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(SECRET);

    /** The subject exactly as our mailto: link asks for it (UnsubscribeLinks builds the link). */
    private String subjectFromOurLink(String address) {
        UnsubscribeLinks links = new UnsubscribeLinks(
                "https://pdl.example.org/newsletter",
                "pdl-packet",
                tokens,
                Optional.of(EmailAddress.parse("unsubscribe@pdl.example.org", true)));
        String uri =
                links.mailto(EmailAddress.parse(address, true)).orElseThrow().toString();
        return URLDecoder.decode(uri.substring(uri.indexOf("subject=") + "subject=".length()), StandardCharsets.UTF_8);
    }

    private static String mail(String from, String subject) {
        return "From: " + from + "\nTo: unsubscribe@pdl.example.org\nSubject: " + subject + "\n\n\n";
    }

    @Test
    void aValidTokenUnsubscribesTheAddressAndListItNames() {
        String message = mail("Someone Else <forwarder@example.net>", subjectFromOurLink("Reader@example.com"));

        Finding finding = new BounceClassifier(Optional.of(tokens))
                .classify(message.getBytes(StandardCharsets.UTF_8))
                .get(0);

        assertThat(finding.kind()).isEqualTo(Kind.UNSUBSCRIBE);
        assertThat(finding.recipient()).isEqualTo("reader@example.com");
        assertThat(finding.list()).isEqualTo("pdl-packet");
    }

    @Test
    void aReplyPrefixIsAccepted() {
        String message = mail("reader@example.com", "Re: " + subjectFromOurLink("reader@example.com"));

        assertThat(new BounceClassifier(Optional.of(tokens)).classify(message.getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .satisfies(finding -> assertThat(finding.kind()).isEqualTo(Kind.UNSUBSCRIBE));
    }

    @Test
    void aForgedOrAlteredTokenIsOther() {
        String good = subjectFromOurLink("reader@example.com");
        String altered = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");
        UnsubscribeTokens otherSecret =
                new UnsubscribeTokens("another-secret-entirely-16+".getBytes(StandardCharsets.UTF_8));
        String forged =
                "unsubscribe-" + otherSecret.token("pdl-packet", EmailAddress.parse("victim@example.com", true));

        for (String subject : new String[] {altered, forged, "unsubscribe-nonsense"}) {
            Finding finding = new BounceClassifier(Optional.of(tokens))
                    .classify(mail("x@example.com", subject).getBytes(StandardCharsets.UTF_8))
                    .get(0);
            assertThat(finding.kind()).as(subject).isEqualTo(Kind.OTHER);
            assertThat(finding.recipient()).isNull();
        }
    }

    @Test
    void withoutTheSecretAMailedUnsubscribeIsOtherAndSaysWhy() {
        Finding finding = new BounceClassifier(Optional.empty())
                .classify(mail("reader@example.com", subjectFromOurLink("reader@example.com"))
                        .getBytes(StandardCharsets.UTF_8))
                .get(0);

        assertThat(finding.kind()).isEqualTo(Kind.OTHER);
        assertThat(finding.diagnostic()).contains("no unsubscribe secret");
    }
}
