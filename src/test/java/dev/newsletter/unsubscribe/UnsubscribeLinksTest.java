package dev.newsletter.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {
    private static final UnsubscribeTokens TOKENS =
            new UnsubscribeTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final EmailAddress ANN = EmailAddress.parse("ann@example.org");

    @Test
    void theHttpsLinkCarriesAVerifiableToken() {
        UnsubscribeLinks links =
                new UnsubscribeLinks("https://pdl.example.org/newsletter/", "pdl-packet", TOKENS, Optional.empty());

        URI uri = links.https(ANN);

        assertThat(uri.getScheme()).isEqualTo("https");
        assertThat(uri.getPath()).isEqualTo("/newsletter/unsubscribe");
        assertThat(uri.getQuery()).startsWith("t=");
        assertThat(TOKENS.verify(uri.getQuery().substring(2)))
                .contains(new UnsubscribeTokens.Subject("pdl-packet", ANN));
    }

    @Test
    void theMailtoLinkPutsTheTokenInTheSubject() {
        UnsubscribeLinks links = new UnsubscribeLinks(
                "https://pdl.example.org/newsletter",
                "pdl-packet",
                TOKENS,
                Optional.of(EmailAddress.parse("unsubscribe@pdl.example.org")));

        URI mailto = links.mailto(ANN).orElseThrow();

        assertThat(mailto.toString()).startsWith("mailto:unsubscribe@pdl.example.org?subject=unsubscribe-");
        String token = mailto.toString().substring(mailto.toString().indexOf("unsubscribe-") + "unsubscribe-".length());
        assertThat(TOKENS.verify(token)).isPresent();
    }

    @Test
    void noMailtoLinkWithoutAMailtoAddress() {
        UnsubscribeLinks links =
                new UnsubscribeLinks("https://pdl.example.org", "pdl-packet", TOKENS, Optional.empty());

        assertThat(links.mailto(ANN)).isEmpty();
    }

    @Test
    void aBaseUrlThatCannotTakeThePathIsRefused() {
        for (String bad : new String[] {
            "pdl.example.org/x", "ftp://pdl.example.org", "https://pdl.example.org/?a=1", "https://pdl.example.org/#top"
        }) {
            assertThatThrownBy(() -> new UnsubscribeLinks(bad, "pdl-packet", TOKENS, Optional.empty()))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("baseUrl");
        }
    }
}
