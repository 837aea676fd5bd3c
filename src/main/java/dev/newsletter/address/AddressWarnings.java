package dev.newsletter.address;

import java.util.ArrayList;
import java.util.List;

/**
 * What is legal about an address but probably wrong: a likely typo of a big mail domain, a role
 * address. {@code subscribers lint} and {@code subscribers add} warn with the same words. Caches typo
 * answers ({@link DomainTypos}), so one instance serves a whole list; not thread-safe.
 */
public final class AddressWarnings {
    private final DomainTypos typos = new DomainTypos();

    /** The warnings about {@code address}, in words; empty when there is nothing to say. */
    public List<String> about(EmailAddress address) {
        List<String> warnings = new ArrayList<>(0);
        typos.suggestionFor(address.domain())
                .ifPresent(
                        big -> warnings.add(address.domain() + " looks like a typo of " + big + " (" + address + ")"));
        if (RoleAddresses.isRole(address)) {
            warnings.add(
                    address + " is a role address, not a person's; such mail is often unread or reported as" + " spam");
        }
        return warnings;
    }
}
