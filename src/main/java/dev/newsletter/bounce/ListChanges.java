package dev.newsletter.bounce;

import dev.newsletter.subscriber.Status;

/**
 * The list changes {@code inbox scan --apply} makes, each through the locked, atomic subscriber-file
 * code and each harmless to repeat (a second time changes nothing). Addresses match in any spelling.
 */
public interface ListChanges {
    /**
     * What a change did.
     *
     * @param onAList whether the address is on any list (a bounce for an address on no list changes nothing)
     * @param changed whether any file changed
     * @param description what was done, in words
     */
    record Done(boolean onAList, boolean changed, String description) {}

    /**
     * Marks the address {@code status} (bounced, complained) on every list that has it and adds it to
     * the suppression list with {@code reason}; does nothing when it is on no list.
     */
    Done withdraw(String address, Status status, String reason);

    /** Adds the address to the suppression list with {@code reason} if it is on any list. */
    Done suppress(String address, String reason);

    /** Unsubscribes the address from {@code list} exactly as the one-click endpoint does. */
    Done unsubscribe(String list, String address);
}
