package dev.newsletter.journal;

/**
 * A 64-bit fingerprint of an address (its canonical text): what the journal's in-memory state keys
 * on instead of the text itself. Two different addresses share a fingerprint with a probability of
 * about n²/2⁶⁵ (one in 37 million for a million recipients); the cost of a clash is one recipient
 * taken for another in the resume checkpoint.
 */
final class Fingerprint {
    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;

    private Fingerprint() {}

    static long of(String text) {
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
}
