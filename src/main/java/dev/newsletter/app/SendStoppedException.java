package dev.newsletter.app;

import java.io.UncheckedIOException;

/**
 * A send failed after messages may have gone out (the list could not be read to the end, the
 * journal could not be written): unlike a failure before the first message, this is "stopped part
 * way", exit code 1. The journal has what went out, so the same command continues.
 */
public final class SendStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SendStoppedException(RuntimeException cause) {
        super(describe(cause), cause);
    }

    private static String describe(RuntimeException cause) {
        if (cause instanceof UncheckedIOException io) {
            return dev.newsletter.input.IoTrouble.line(io);
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
