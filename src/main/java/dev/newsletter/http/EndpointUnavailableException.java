package dev.newsletter.http;

/** The endpoint could not start listening (the port is in use, or the address is not this host's). */
public final class EndpointUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EndpointUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
