package dev.newsletter.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {
    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Plural.count(1, "address", "addresses")).isEqualTo("1 address");
        assertThat(Plural.count(0, "address", "addresses")).isEqualTo("0 addresses");
        assertThat(Plural.count(2, "retry", "retries")).isEqualTo("2 retries");
        assertThat(Plural.count(1_000_000, "run", "runs")).isEqualTo("1000000 runs");
    }
}
