package dev.newsletter.http;

import dev.newsletter.address.EmailAddress;

/** What the endpoint does once a token is verified: unsubscribe the address from the list, durably. */
@FunctionalInterface
public interface Unsubscriber {

    /**
     * Unsubscribes {@code address} from {@code list} and adds it to the suppression list. Repeating
     * it is harmless.
     *
     * @return whether the address was subscribed before (false: it already was unsubscribed or unknown)
     */
    boolean unsubscribe(String list, EmailAddress address, String reason);
}
