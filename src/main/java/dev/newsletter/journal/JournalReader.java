package dev.newsletter.journal;

import dev.newsletter.input.IoTrouble;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reads a journal's lines in file order, without a lock (a send may be writing it). The file is
 * split at {@code \n} and each line decoded as strict UTF-8 on its own, so one line with bytes that
 * are not UTF-8 is skipped like a line torn by a crash and the lines after it still read (a reader
 * over the whole stream would fail at the first bad byte instead).
 */
public final class JournalReader {
    private static final int CHUNK = 64 * 1024;

    private JournalReader() {}

    /**
     * Calls {@code sent} with the Message-ID and address of every message the journal has an attempt
     * or result for, in file order: for mapping a reply or a bounce back to whom the message went.
     */
    public static void forEachMessage(Path file, BiConsumer<String, String> sent) {
        forEach(file, () -> {}, line -> {
            if (!line.messageId().isEmpty() && !line.email().isEmpty()) {
                sent.accept(line.messageId(), line.email());
            }
        });
    }

    /**
     * Calls {@code action} for each complete line and {@code torn} for each line that is not one
     * JSON object or not valid UTF-8 (torn by a crash, or damaged by hand): such a line is skipped,
     * it never stops a send or a report. A journal that does not exist yet has no lines.
     */
    static void forEach(Path file, Runnable torn, Consumer<JournalLine> action) {
        try (InputStream in = Files.newInputStream(file)) {
            forEachText(in, text -> {
                if (text == null) {
                    torn.run();
                    return;
                }
                if (text.isBlank()) {
                    return;
                }
                JournalLine line = JournalLine.parse(text);
                if (line == null) {
                    torn.run();
                } else {
                    action.accept(line);
                }
            });
        } catch (NoSuchFileException e) {
            // no journal yet: nothing sent
        } catch (IOException e) {
            throw new UncheckedIOException(IoTrouble.line("cannot read the journal " + file, e), e);
        }
    }

    /** Calls {@code line} with each line's text (no line end), or with null for a line that is not UTF-8. */
    private static void forEachText(InputStream in, Consumer<String> line) throws IOException {
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
