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

    /**
     * An invisible character makes a second address that looks like the first: a byte order mark from a
     * pasted file, a zero-width space, a no-break space, a bidi override. With SMTPUTF8 on, each made an
     * address that duplicates and suppression did not match to the one it looks like.
     */
    @ParameterizedTest(name = "U+{1} in {0}")
    @CsvSource({
        "'\uFEFFann@example.org', FEFF",
        "'ann\u200B@example.org', 200B",
        "'\u00A0ann@example.org', 00A0",
        "'ann\u202E@example.org', 202E",
        "'an\u00ADn@example.org', 00AD",
        "'ann\u3000@example.org', 3000",
        "'ann\uE000@example.org', E000",
        "'ann\uD800@example.org', D800"
    })
    void refusesInvisibleAndUnassignedCharactersEvenWithSmtputf8(String text, String codePoint) {
        assertThatThrownBy(() -> EmailAddress.parse(text, true))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessageContaining("U+" + codePoint);
    }

    @ParameterizedTest(name = "{0} is the same mailbox as {1}")
    @CsvSource({
        "Li.Wei@Example.org, li.wei@example.org",
        "LI.WEI@EXAMPLE.ORG, li.wei@example.org",
        "ann@bücher.example, ANN@XN--BCHER-KVA.example",
        "ANN@BÜCHER.example, ann@xn--bcher-kva.example",
        "jürgen@example.org, JÜRGEN@Example.org",
        "straße@example.org, STRASSE@example.org"
    })
    void matchesTheSameMailboxInAnySpellingByOneKey(String one, String other) {
        EmailAddress a = EmailAddress.parse(one, true);
        EmailAddress b = EmailAddress.parse(other, true);

        assertThat(a.key()).isEqualTo(b.key());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.sameSpelling(b)).isFalse();
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource({
        "ann@example.org, anne@example.org",
        "ann@example.org, ann@example.com",
        "jürgen@example.org, jurgen@example.org",
        "ann+news@example.org, ann@example.org"
    })
    void tellsDifferentMailboxesApart(String one, String other) {
        assertThat(EmailAddress.parse(one, true)).isNotEqualTo(EmailAddress.parse(other, true));
    }

    @org.junit.jupiter.api.Test
    void keepsThePersonsSpellingOfTheLocalPartForWhatIsStoredAndSent() {
        EmailAddress address = EmailAddress.parse("Li.Wei@BÜCHER.Example");

        assertThat(address).hasToString("Li.Wei@xn--bcher-kva.example");
        assertThat(address.key()).isEqualTo("li.wei@xn--bcher-kva.example");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bob@@example.org | it has two '@'",
                "bob@x@example.org | it has two '@'",
                "bob@example | the domain 'example' has no dot; it needs one, as in example.org",
                ".bob@example.org | the part before '@' starts with a dot",
                "bob.@example.org | the part before '@' ends with a dot",
                "bo..b@example.org | the part before '@' has two dots in a row",
                "bob@example..org | the domain 'example..org' has two dots in a row",
                "bob@example.org.. | the domain 'example.org..' has two dots in a row",
                "bob@.example.org | the domain '.example.org' starts with a dot",
                "bob@-example.com | the domain '-example.com' has a part that starts or ends with '-'",
                "bob@exa_mple.org | the domain 'exa_mple.org' contains '_'",
                "bo(b@example.org | the part before '@' contains '('",
                "bob@example.123 | the domain 'example.123' ends in a number, not a top-level domain"
            })
    void saysWhyAnAddressIsRefused(String text, String reason) {
        assertThatThrownBy(() -> EmailAddress.parse(text))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessage("'" + text + "' is not a valid email address: " + reason);
    }

    @org.junit.jupiter.api.Test
    void aVeryLongAddressIsCutInTheMessageSoItStaysOneReadableLine() {
        String text = "a".repeat(70_000) + "@example.org";

        assertThatThrownBy(() -> EmailAddress.parse(text))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessageEndingWith(
                        "…@example.org' (70012 characters) is not a valid email address: the part before '@'"
                                + " is longer than 64 characters")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250));
    }

    @org.junit.jupiter.api.Test
    void aQuotedLocalPartThatNeedsNoQuotesIsTheUnquotedAddress() {
        EmailAddress plain = EmailAddress.parse("tomas.berg@example.org");

        assertThat(EmailAddress.parse("\"tomas.berg\"@example.org")).isEqualTo(plain);
        assertThat(EmailAddress.parse("\"tomas.berg\"@example.org").toString()).isEqualTo("tomas.berg@example.org");
        assertThat(EmailAddress.parse("\"Tomas\\.Berg\"@Example.ORG")).isEqualTo(plain);
        assertThat(EmailAddress.parse("\"tomas.berg\"@example.org").key()).isEqualTo(plain.key());
        assertThat(EmailAddress.parse("\"a..b\"@example.org").toString())
                .as("not a dot-atom: stays quoted")
                .isEqualTo("\"a..b\"@example.org");
    }
}
