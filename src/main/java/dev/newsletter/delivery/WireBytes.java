package dev.newsletter.delivery;

/**
 * A body already encoded for the wire: the first {@code length} bytes of {@code buffer}, and its
 * {@code Content-Transfer-Encoding}. Carried into the message without copying it again.
 */
record WireBytes(byte[] buffer, int length, String encoding) {

    /** The bytes, copied to an array of their own. */
    byte[] bytes() {
        return java.util.Arrays.copyOf(buffer, length);
    }
}
