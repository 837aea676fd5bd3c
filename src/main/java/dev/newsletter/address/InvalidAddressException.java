package dev.newsletter.address;

/** An address that cannot be used; the message says why, in words a list editor understands. */
public final class InvalidAddressException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidAddressException(String message) {
        super(message);
    }
}
