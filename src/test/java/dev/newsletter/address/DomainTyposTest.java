package dev.newsletter.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainTyposTest {
    private final DomainTypos typos = new DomainTypos();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "gmial.com, gmail.com",
        "gmai.com, gmail.com",
        "gmaill.com, gmail.com",
        "gmail.con, gmail.com",
        "gmail.co, gmail.com",
        "hotmial.com, hotmail.com",
        "hotmal.con, hotmail.com",
        "yaho.com, yahoo.com",
        "outlok.com, outlook.com",
        "iclod.com, icloud.com"
    })
    void suggestsTheBigDomainATypoWasMeantToBe(String typo, String meant) {
        assertThat(typos.suggestionFor(typo)).contains(meant);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gmail.com",
                "mail.com",
                "me.com",
                "mac.com",
                "aim.com",
                "hotmail.co.uk",
                "yahoo.fr",
                "example.com",
                "example.org",
                "cmu.edu",
                "pdl.example.org"
            })
    void leavesRealDomainsAlone(String domain) {
        assertThat(typos.suggestionFor(domain)).isEmpty();
    }
}
