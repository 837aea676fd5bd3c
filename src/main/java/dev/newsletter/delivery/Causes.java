package dev.newsletter.delivery;

import jakarta.mail.MessagingException;

/**
 * Walks the chain of causes of a Jakarta Mail failure: {@link Throwable#getCause()}, and a {@link
 * MessagingException}'s next exception, where Angus puts the socket's or the TLS layer's error.
 */
final class Causes {
    private Causes() {}

    /** Whether {@code e} or anything that caused it is a {@code type}. */
    static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** What caused {@code t}, or null. */
    static Throwable next(Throwable t) {
        if (t.getCause() != null && t.getCause() != t) {
            return t.getCause();
        }
        return t instanceof MessagingException m ? m.getNextException() : null;
    }
}
