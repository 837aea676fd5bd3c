package dev.newsletter.http;

/** A request refused with an HTTP status and a sentence for the page. */
final class HttpFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
