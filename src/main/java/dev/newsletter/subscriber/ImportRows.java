package dev.newsletter.subscriber;

import java.util.Arrays;

/**
 * What the first pass over an import file learned about each of its rows, in 13 bytes a row: the
 * row's fate, where it starts (to read it again for an update) and its line (for messages). Rows are
 * numbered in the order the reader returns them, which is the same on every pass.
 */
final class ImportRows {
    /** A blank line, or a row that cannot be imported. */
    static final byte SKIPPED = 0;
    /** A second (or later) row for an address. */
    static final byte DUPLICATE = 1;
    /** A valid row, the first for its address: added at the end unless the list has the address. */
    static final byte NEW = 2;
    /** A valid row whose address the list has: updated in place or left alone, never added. */
    static final byte ON_LIST = 3;

    private byte[] states = new byte[1024];
    private long[] offsets = new long[1024];
    private int[] lines = new int[1024];
    private int size;

    /** Records the next row; returns its number. */
    int add(byte state, long offset, long line) {
        if (size == states.length) {
            int capacity = size + (size >> 1);
            states = Arrays.copyOf(states, capacity);
            offsets = Arrays.copyOf(offsets, capacity);
            lines = Arrays.copyOf(lines, capacity);
        }
        states[size] = state;
        offsets[size] = offset;
        lines[size] = (int) line;
        return size++;
    }

    int size() {
        return size;
    }

    byte state(int row) {
        return states[row];
    }

    void setState(int row, byte state) {
        states[row] = state;
    }

    long offset(int row) {
        return offsets[row];
    }

    long line(int row) {
        return lines[row];
    }
}
