package dev.newsletter.http;

import dev.newsletter.address.EmailAddress;

/** What the endpoint does once a token is verified: unsubscribe the address from the list, durably. */
@FunctionalInterface
public interface Unsubscriber {

    /**
     * Unsubscribes {@code address} from {@code list} and adds it to the suppression list. Repeating
     * it is harmless. The suppression must be recorded first and whatever the state of the list: it
     * is what keeps mail from being sent. Throws only when it could not be recorded (the endpoint
     * then answers 500).
     *
     * @param how {@code one-click} (a mail provider's POST) or {@code page} (the confirmation page)
     * @return whether anything changed (false: it already was unsubscribed and suppressed)
     */
    boolean unsubscribe(String list, EmailAddress address, String how);
}
