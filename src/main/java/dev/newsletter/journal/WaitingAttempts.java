package dev.newsletter.journal;

import java.util.Map;

/**
 * The last few attempts a report has read no result for yet. Nearly every attempt is answered a
 * few lines later (one per connection is open at a time), so its in-doubt entry waits in this small
 * ring instead of going into the report's map of recipients not accepted and straight out again:
 * two map operations per recipient saved on a million-line journal. An attempt pushed out of the
 * ring, or still here at the end, goes into the map: it is in doubt.
 */
final class WaitingAttempts {
    private static final int SIZE = 32;

    private final String[] emails = new String[SIZE];
    private final int[] hashes = new int[SIZE];
    private final DeliveryReport.Entry[] entries = new DeliveryReport.Entry[SIZE];
    private final Map<String, DeliveryReport.Entry> overflow;
    private int next;
    private boolean spilled;

    WaitingAttempts(Map<String, DeliveryReport.Entry> overflow) {
        this.overflow = overflow;
    }

    /** Holds the attempt of {@code email}, replacing one it already holds for that address. */
    void park(String email, DeliveryReport.Entry entry) {
        int slot = slotOf(email);
        if (slot >= 0) {
            entries[slot] = entry;
            return;
        }
        if (emails[next] != null) {
            overflow.put(emails[next], entries[next]);
            spilled = true;
        }
        emails[next] = email;
        hashes[next] = email.hashCode();
        entries[next] = entry;
        next = (next + 1) % SIZE;
    }

    /** Whether an attempt was ever pushed out into the map (the map may then hold in-doubt entries too). */
    boolean spilled() {
        return spilled;
    }

    /** Lets go of the attempt of {@code email}, answered now; whether it was here. */
    boolean take(String email) {
        int slot = slotOf(email);
        if (slot < 0) {
            return false;
        }
        emails[slot] = null;
        entries[slot] = null;
        return true;
    }

    /** Puts every attempt still waiting into the map: they were never answered. */
    void flush() {
        for (int i = 0; i < SIZE; i++) {
            if (emails[i] != null) {
                overflow.put(emails[i], entries[i]);
                emails[i] = null;
                entries[i] = null;
            }
        }
    }

    private int slotOf(String email) {
        int hash = email.hashCode();
        for (int i = 0; i < SIZE; i++) {
            if (hashes[i] == hash && emails[i] != null && emails[i].equals(email)) {
                return i;
            }
        }
        return -1;
    }
}
