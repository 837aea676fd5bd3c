package dev.newsletter.bounce;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An append-only JSON Lines file of {@code inbox scan --apply}'s records ({@code var/inbox/processed.jsonl},
 * {@code var/bounces.jsonl}). Each record is one {@code write} of one line, forced to disk; a torn
 * last line (a crash mid-write, even inside a multi-byte character) is ended before the next record and
 * skipped when reading, as is any line that is not a JSON object.
 */
final class JsonLinesFile {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;

    JsonLinesFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** Every readable record, in order. A missing file has none. */
    void forEach(Consumer<JsonNode> record) {
        if (!Files.exists(file)) {
            return;
        }
        // malformed bytes (a crash mid-write cuts a multi-byte character; a line edited in another
        // encoding) become U+FFFD instead of making the whole file unreadable: such a line fails to
        // parse and is skipped, or keeps its other fields
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (var lines = new BufferedReader(new InputStreamReader(Files.newInputStream(file), utf8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JacksonException e) {
                    continue;
                }
                if (node != null && node.isObject()) {
                    record.accept(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The record's {@code field} when it is a string; null when it is missing or of another shape (hand-edited). */
    static String string(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    /**
     * Appends one record and forces it to disk, under an OS lock on the file, so that scans running
     * at once (a mail server's pipe starts one per message) never interleave their lines.
     */
    void append(Map<String, ?> record) {
        byte[] line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel out = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                out.lock(); // released when the channel closes
                long size = out.size();
                ByteBuffer buffer;
                if (size > 0 && !endsWithNewline(out, size)) {
                    // a torn last line (a crash mid-write): end it, so this record stays whole
                    buffer = ByteBuffer.allocate(line.length + 1)
                            .put((byte) '\n')
                            .put(line)
                            .flip();
                } else {
                    buffer = ByteBuffer.wrap(line);
                }
                long at = size;
                while (buffer.hasRemaining()) {
                    at += out.write(buffer, at);
                }
                out.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsWithNewline(FileChannel in, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        in.read(last, size - 1);
        return last.get(0) == '\n';
    }
}
