package dev.newsletter.delivery;

/** A header value carried CR, LF or a control character; the message is refused, not sent. */
public final class HeaderInjectionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    HeaderInjectionException(String message) {
        super(message);
    }
}
