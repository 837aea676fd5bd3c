package dev.newsletter.render;

/** A template asked for a variable the view model does not have. */
public final class UnknownVariableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownVariableException(String message) {
        super(message);
    }
}
