package dev.newsletter.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleAddressesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {"postmaster@example.org", "NoReply@example.org", "no-reply+x@example.org", "abuse@example.com"})
    void findsRoleAddresses(String address) {
        assertThat(RoleAddresses.isRole(EmailAddress.parse(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana.lima@example.org", "ops-team@example.org", "postmaster.ann@example.org"})
    void leavesPeopleAlone(String address) {
        assertThat(RoleAddresses.isRole(EmailAddress.parse(address))).isFalse();
    }
}
