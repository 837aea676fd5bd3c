package dev.newsletter.cli;

/**
 * A command that cannot start, for a reason it says in one line naming the setting to change and
 * the file it is in: exit 2, nothing was done. {@link Failures} prints it.
 */
final class CannotStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CannotStartException(String message) {
        super(message);
    }

    CannotStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
