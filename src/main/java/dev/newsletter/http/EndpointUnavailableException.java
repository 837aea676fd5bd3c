package dev.newsletter.http;

/** The endpoint could not start listening (the port is in use, or the address is not this host's). */
public final class EndpointUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean portInUse;

    EndpointUnavailableException(String message, boolean portInUse, Throwable cause) {
        super(message, cause);
        this.portInUse = portInUse;
    }

    /** True when another program holds the port; false when the address itself is the problem. */
    public boolean portInUse() {
        return portInUse;
    }
}
