package dev.newsletter.delivery;

/**
 * A header value could not be written safely: it carried CR, LF or a control character, or a part of
 * it (a URL, a Message-ID) is too long for a header line. The message is refused, not sent.
 */
public final class HeaderInjectionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    HeaderInjectionException(String message) {
        super(message);
    }
}
