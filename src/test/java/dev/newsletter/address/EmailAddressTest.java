package dev.newsletter.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ann@example.org, ann@example.org",
        "Ann@Example.ORG, Ann@example.org",
        "'  ann@example.org ', ann@example.org",
        "ann@example.org., ann@example.org",
        "ann+news@example.org, ann+news@example.org",
        "ann@bücher.example, ann@xn--bcher-kva.example",
        "ann@XN--BCHER-KVA.example, ann@xn--bcher-kva.example"
    })
    void keepsTheLocalPartAsWrittenAndTheDomainInLowerCaseAscii(String text, String canonical) {
        assertThat(EmailAddress.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ann",
                "ann@",
                "@example.org",
                "ann@@example.org",
                "ann@-example.com",
                "ann@example",
                "ann example@example.org",
                "ann@exa_mple.org",
                "ann.@example.org",
                "ann@example.org\r\nBcc: x@example.com",
                "Ann <ann@example.org>"
            })
    void refusesWhatIsNotAnAddress(String text) {
        assertThatThrownBy(() -> EmailAddress.parse(text)).isInstanceOf(InvalidAddressException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jürgen@example.org", "用户@example.org"})
    void acceptsANonAsciiLocalPartOnlyWhereSmtputf8IsAllowed(String text) {
        assertThatThrownBy(() -> EmailAddress.parse(text))
                .hasMessageContaining("allow SMTPUTF8 addresses in the config");
        assertThat(EmailAddress.parse(text, true)).hasToString(text);
    }
}
