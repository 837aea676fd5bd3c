package dev.newsletter.journal;

import dev.newsletter.address.EmailAddress;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Recipients by the 64-bit fingerprint of their address, each with one byte of state and a small
 * attempt counter: an open-addressing hash table of about 10 bytes per slot, under 25 MB for a
 * million recipients (a {@code HashMap<String, ...>} needs well over 100 MB). Not thread-safe; its
 * owner guards it.
 *
 * <p>A fingerprint stands for the address's matching key ({@link EmailAddress#keyOf}). Two
 * different addresses share a fingerprint with a probability of about n²/2⁶⁵ (one in 37 million for
 * a million recipients); the cost of a clash is one recipient taken for another in the resume
 * checkpoint.
 */
final class RecipientTable {
    private static final double LOAD = 0.6;
    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;

    private long[] keys;
    private byte[] states;
    private byte[] attempts;
    private int size;
    private int mask;

    RecipientTable() {
        allocate(1 << 10);
    }

    /** The key an address is kept under: the fingerprint of its matching key. */
    static long keyOf(String email) {
        return fingerprint(EmailAddress.keyOf(email));
    }

    /** A 64-bit fingerprint of {@code text}, never 0 (0 marks an empty slot). */
    static long fingerprint(String text) {
        long h1 = 0x243F6A8885A308D3L ^ text.length();
        long h2 = 0x13198A2E03707344L;
        for (int i = 0; i < text.length(); i++) {
            long c = text.charAt(i);
            h1 = Long.rotateLeft((h1 ^ c) * K1, 29);
            h2 = Long.rotateLeft((h2 + c) * K2, 31) ^ h1;
        }
        long h = mix(h1) ^ Long.rotateLeft(mix(h2), 17);
        return h == 0 ? 1 : h;
    }

    /** MurmurHash3's 64-bit finaliser. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }

    int size() {
        return size;
    }

    /** The bytes its slots take: what the table retains, whatever the JVM does around it. */
    long slotBytes() {
        return (long) keys.length * Long.BYTES + states.length + attempts.length;
    }

    /** The state for {@code key}, or -1 when absent. */
    int state(long key) {
        int slot = find(key);
        return keys[slot] == key ? states[slot] : -1;
    }

    int attempts(long key) {
        int slot = find(key);
        return keys[slot] == key ? attempts[slot] : 0;
    }

    /** Sets the state, adding the key if needed; returns the previous state or -1. */
    int put(long key, int state, boolean countAttempt) {
        int slot = find(key);
        int previous;
        if (keys[slot] != key) {
            if (size + 1 > keys.length * LOAD) {
                grow();
                slot = find(key);
            }
            keys[slot] = key;
            size++;
            previous = -1;
        } else {
            previous = states[slot];
        }
        states[slot] = (byte) state;
        if (countAttempt && attempts[slot] < Byte.MAX_VALUE) {
            attempts[slot]++;
        }
        return previous;
    }

    /** Calls {@code action} with every state present. */
    void forEachState(IntConsumer action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                action.accept(states[i]);
            }
        }
    }

    private int find(long key) {
        int slot = (int) mix(key) & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        byte[] oldStates = states;
        byte[] oldAttempts = attempts;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                states[slot] = oldStates[i];
                attempts[slot] = oldAttempts[i];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        states = new byte[capacity];
        attempts = new byte[capacity];
        mask = capacity - 1;
        Arrays.fill(states, (byte) 0);
    }
}
