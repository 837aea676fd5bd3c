package dev.newsletter.address;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** A display name and an address, as in {@code The PDL Packet <packet@pdl.example.org>}. */
public record Mailbox(String displayName, EmailAddress address) {

    public Mailbox {
        displayName = displayName == null ? "" : displayName;
        if (displayName.indexOf('\r') >= 0 || displayName.indexOf('\n') >= 0) { // no stream: made per message
            throw new InvalidAddressException("a display name must not contain line breaks");
        }
    }

    /** Parses {@code Name <addr@domain>} or a bare address. */
    public static Mailbox parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidAddressException("the address is empty");
        }
        if (text.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new InvalidAddressException("the address contains a line break");
        }
        try {
            InternetAddress parsed = new InternetAddress(text.strip(), true);
            return new Mailbox(parsed.getPersonal(), EmailAddress.parse(parsed.getAddress()));
        } catch (AddressException e) {
            throw new InvalidAddressException("'" + text + "' is not a valid address: " + e.getMessage());
        }
    }
}
