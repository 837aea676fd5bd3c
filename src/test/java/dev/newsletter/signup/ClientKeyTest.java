package dev.newsletter.signup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-client limit counts an IPv6 client by its /64, so rotating addresses within it does not help. */
class ClientKeyTest {
    @Test
    void ipv6AddressesInOneSlash64AreOneClient() {
        assertThat(ClientKey.of("2001:db8:1:2::1")).isEqualTo(ClientKey.of("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertThat(ClientKey.of("2001:db8:1:2::1")).isNotEqualTo(ClientKey.of("2001:db8:1:3::1"));
    }

    @Test
    void ipv4AddressesAreThemselvesAndJunkIsItsOwnKey() {
        assertThat(ClientKey.of("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientKey.of("203.0.113.10")).isNotEqualTo(ClientKey.of("203.0.113.9"));
        assertThat(ClientKey.of("unknown")).isEqualTo("unknown");
        assertThat(ClientKey.of("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
    }
}
