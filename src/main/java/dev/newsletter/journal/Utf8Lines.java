package dev.newsletter.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a stream into lines at {@code \n} and decodes each as strict UTF-8 on its own, so that one
 * line with bytes that are not UTF-8 is reported as such (null) and the lines after it still read.
 * A reader over the whole stream would fail at the first bad byte instead.
 */
final class Utf8Lines {
    private static final int CHUNK = 64 * 1024;

    private Utf8Lines() {}

    /** Calls {@code line} with each line's text (no line end), or with null for a line that is not UTF-8. */
    static void forEach(InputStream in, Consumer<String> line) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] chunk = new byte[CHUNK];
        byte[] pending = new byte[256];
        int pendingLength = 0;
        int read;
        while ((read = in.read(chunk)) != -1) {
            int start = 0;
            int end;
            while ((end = indexOfNewline(chunk, start, read)) >= 0) {
                if (pendingLength == 0) {
                    line.accept(decode(decoder, chunk, start, end - start));
                } else {
                    pending = append(pending, pendingLength, chunk, start, end - start);
                    pendingLength += end - start;
                    line.accept(decode(decoder, pending, 0, pendingLength));
                    pendingLength = 0;
                }
                start = end + 1;
            }
            if (start < read) {
                pending = append(pending, pendingLength, chunk, start, read - start);
                pendingLength += read - start;
            }
        }
        if (pendingLength > 0) {
            line.accept(decode(decoder, pending, 0, pendingLength));
        }
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] append(byte[] to, int length, byte[] from, int offset, int count) {
        byte[] target = length + count <= to.length ? to : Arrays.copyOf(to, Math.max(to.length * 2, length + count));
        System.arraycopy(from, offset, target, length, count);
        return target;
    }

    private static boolean ascii(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static String decode(CharsetDecoder decoder, byte[] bytes, int offset, int length) {
        int end = length > 0 && bytes[offset + length - 1] == '\r' ? length - 1 : length;
        if (ascii(bytes, offset, end)) {
            return new String(bytes, offset, end, StandardCharsets.ISO_8859_1); // most lines: a plain copy
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, offset, end));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
