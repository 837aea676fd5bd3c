package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compact map from address to an int (a line number, a row number), small enough for a million
 * addresses in a 256 MB heap: about 30 bytes per entry plus the key's UTF-8 bytes, against well over
 * 100 for a {@code HashMap<String, Integer>}. Addresses are indexed by their {@link EmailAddress#key()
 * matching key}, so {@code Ann@example.org} finds {@code ann@example.org}.
 *
 * <p>Keys live in 256 KiB byte chunks, each prefixed by its length; the table uses linear probing.
 */
final class AddressIndex {
    /** Well under half a G1 region (1 MB in a 256 MB heap), so chunks are not "humongous" objects. */
    private static final int CHUNK_SIZE = 1 << 18;

    private static final int NONE = -1;

    private final List<byte[]> chunks = new ArrayList<>();
    private int chunkUsed = CHUNK_SIZE;
    private long[] keyRefs = new long[16];
    private int[] values = new int[16];
    private int size;
    /** Slots: 0 when empty, else the key's hash in the high half and its entry number + 1 in the low half. */
    private long[] table = new long[32];

    int size() {
        return size;
    }

    /**
     * An address as the index looks it up: its matching key's bytes and their hash, made once for a
     * caller that looks one address up in several indexes (lint: the duplicates and the suppression list).
     */
    record Key(byte[] bytes, int hash) {
        static Key of(EmailAddress address) {
            byte[] bytes = AddressIndex.bytes(address);
            return new Key(bytes, AddressIndex.hash(bytes));
        }
    }

    /** The value of {@code address}, or -1 if absent. */
    int get(EmailAddress address) {
        return get(Key.of(address));
    }

    /** The value of the address with this key, or -1 if absent. */
    int get(Key key) {
        if (size == 0) {
            return NONE;
        }
        int entry = find(key.bytes(), key.hash());
        return entry == NONE ? NONE : values[entry];
    }

    /**
     * Adds {@code address} → {@code value} unless the address is present; returns the present value, or
     * -1 if added.
     */
    int putIfAbsent(EmailAddress address, int value) {
        return putIfAbsent(Key.of(address), value);
    }

    /** {@link #putIfAbsent(EmailAddress, int)} for an address's key. */
    int putIfAbsent(Key key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must not be negative");
        }
        int existing = find(key.bytes(), key.hash());
        if (existing != NONE) {
            return values[existing];
        }
        add(key.bytes(), key.hash(), value);
        return NONE;
    }

    /** Sets the value of a present address; returns false (and changes nothing) if it is absent. */
    boolean replace(EmailAddress address, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must not be negative");
        }
        byte[] bytes = bytes(address);
        int entry = find(bytes, hash(bytes));
        if (entry == NONE) {
            return false;
        }
        values[entry] = value;
        return true;
    }

    private static byte[] bytes(EmailAddress address) {
        return address.key().getBytes(StandardCharsets.UTF_8);
    }

    private int find(byte[] key, int hash) {
        int mask = table.length - 1;
        for (int slot = hash & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            long entrySlot = table[slot];
            if ((int) (entrySlot >>> 32) != hash) {
                continue;
            }
            int entry = (int) entrySlot - 1;
            long ref = keyRefs[entry];
            byte[] chunk = chunks.get((int) (ref >>> 32));
            int at = (int) ref;
            int length = ((chunk[at] & 0xFF) << 8) | (chunk[at + 1] & 0xFF);
            if (length != key.length) {
                continue;
            }
            if (Arrays.equals(chunk, at + 2, at + 2 + length, key, 0, length)) {
                return entry;
            }
        }
        return NONE;
    }

    private void add(byte[] key, int hash, int value) {
        if (key.length > 0xFFFF) {
            throw new IllegalArgumentException("an address longer than 65535 bytes");
        }
        if (size == keyRefs.length) {
            int capacity = size + (size >> 1);
            keyRefs = Arrays.copyOf(keyRefs, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        if (chunkUsed + 2 + key.length > CHUNK_SIZE) {
            chunks.add(new byte[CHUNK_SIZE]);
            chunkUsed = 0;
        }
        byte[] chunk = chunks.get(chunks.size() - 1);
        chunk[chunkUsed] = (byte) (key.length >>> 8);
        chunk[chunkUsed + 1] = (byte) key.length;
        System.arraycopy(key, 0, chunk, chunkUsed + 2, key.length);
        keyRefs[size] = ((long) (chunks.size() - 1) << 32) | chunkUsed;
        chunkUsed += 2 + key.length;
        values[size] = value;
        size++;
        if (size * 2 > table.length) {
            long[] old = table;
            table = new long[old.length * 2];
            for (long entrySlot : old) {
                if (entrySlot != 0) {
                    insert(entrySlot);
                }
            }
        }
        insert(((long) hash << 32) | size);
    }

    private void insert(long entrySlot) {
        int mask = table.length - 1;
        int slot = (int) (entrySlot >>> 32) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = entrySlot;
    }

    private static int hash(byte[] key) {
        int h = 0x811C9DC5;
        for (byte b : key) {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
