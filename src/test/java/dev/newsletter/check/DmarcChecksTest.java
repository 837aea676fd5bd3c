package dev.newsletter.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.CommunicationException;
import org.junit.jupiter.api.Test;

/** The From domain's DMARC record, looked up through a fake DNS. */
class DmarcChecksTest {
    private final List<String> asked = new ArrayList<>();

    private DnsTxt dns(Map<String, List<String>> records) {
        return name -> {
            asked.add(name);
            return records.getOrDefault(name, List.of());
        };
    }

    @Test
    void aPolicyAtTheFromDomainPasses() {
        CheckResult result = DmarcChecks.check(
                "pdl.example.org",
                Optional.of("pdl.example.org"),
                dns(Map.of("_dmarc.pdl.example.org", List.of("v=DMARC1; p=quarantine; rua=mailto:d@pdl.example.org"))));

        assertThat(result.severity()).isEqualTo(Severity.PASS);
        assertThat(result.message())
                .isEqualTo("policy quarantine at _dmarc.pdl.example.org (failing mail goes to spam)");
        assertThat(asked).containsExactly("_dmarc.pdl.example.org");
    }

    @Test
    void noRecordAnywhereFailsWithTheRecordToPublish() {
        CheckResult result = DmarcChecks.check("news.pdl.example.org", Optional.empty(), dns(Map.of()));

        assertThat(result.severity()).isEqualTo(Severity.FAIL);
        assertThat(result.message()).startsWith("no DMARC record at _dmarc.news.pdl.example.org or a parent domain");
        assertThat(result.details())
                .contains("_dmarc.news.pdl.example.org. IN TXT"
                        + " \"v=DMARC1; p=none; rua=mailto:dmarc-reports@news.pdl.example.org\"");
        assertThat(asked)
                .containsExactly("_dmarc.news.pdl.example.org", "_dmarc.pdl.example.org", "_dmarc.example.org");
    }

    @Test
    void aParentDomainsPolicyCoversTheFromDomainWithItsSubdomainPolicy() {
        CheckResult result = DmarcChecks.check(
                "news.example.org",
                Optional.empty(),
                dns(Map.of("_dmarc.example.org", List.of("v=spf1 -all", "v=DMARC1; p=reject; sp=none"))));

        assertThat(result.severity()).isEqualTo(Severity.PASS);
        assertThat(result.message())
                .isEqualTo("policy none at _dmarc.example.org, which covers news.example.org"
                        + " (monitoring only: failing mail is still delivered)");
    }

    @Test
    void twoRecordsOrOneWithoutAPolicyFail() {
        CheckResult two = DmarcChecks.check(
                "example.org",
                Optional.empty(),
                dns(Map.of("_dmarc.example.org", List.of("v=DMARC1; p=none", "v=DMARC1; p=reject"))));
        CheckResult noPolicy = DmarcChecks.check(
                "example.org", Optional.empty(), dns(Map.of("_dmarc.example.org", List.of("v=DMARC1; rua=x"))));

        assertThat(two.severity()).isEqualTo(Severity.FAIL);
        assertThat(two.message()).contains("2 DMARC records at _dmarc.example.org");
        assertThat(noPolicy.severity()).isEqualTo(Severity.FAIL);
        assertThat(noPolicy.message()).contains("has no valid p=");
    }

    @Test
    void strictDkimAlignmentWithASignatureOfAParentDomainFails() {
        CheckResult result = DmarcChecks.check(
                "news.example.org",
                Optional.of("example.org"),
                dns(Map.of("_dmarc.news.example.org", List.of("v=DMARC1; p=reject; adkim=s"))));

        assertThat(result.severity()).isEqualTo(Severity.FAIL);
        assertThat(result.message()).contains("adkim=s").contains("sign with d=news.example.org");
    }

    @Test
    void aDnsThatCannotBeAskedWarns() {
        CheckResult result = DmarcChecks.check("example.org", Optional.empty(), name -> {
            throw new CommunicationException("no resolver");
        });

        assertThat(result.severity()).isEqualTo(Severity.WARN);
        assertThat(result.message()).contains("_dmarc.example.org").contains("no resolver");
    }
}
