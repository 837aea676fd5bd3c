package dev.newsletter.journal;

import java.util.Arrays;

/**
 * An open-addressing hash table from a 64-bit fingerprint to one byte of state and a small attempt
 * counter: about 10 bytes per slot, under 25 MB for a million recipients (a {@code HashMap<String,
 * ...>} needs well over 100 MB). Not thread-safe; the journal guards it.
 */
final class FingerprintTable {
    private static final double LOAD = 0.6;

    private long[] keys;
    private byte[] states;
    private byte[] attempts;
    private int size;
    private int mask;

    FingerprintTable() {
        allocate(1 << 10);
    }

    int size() {
        return size;
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
    void forEachState(java.util.function.IntConsumer action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                action.accept(states[i]);
            }
        }
    }

    private int find(long key) {
        int slot = (int) Fingerprint.mix(key) & mask;
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
