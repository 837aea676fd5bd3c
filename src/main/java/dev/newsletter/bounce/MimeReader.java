package dev.newsletter.bounce;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Reads one message with mime4j's streaming parser into {@link MailParts}. Lenient and bounded:
 * malformed MIME, over-long lines, thousands of parts or unknown charsets end the reading early or
 * fall back to a default, and whatever was read so far is kept; nothing is thrown. Bodies that the
 * classifier does not read (attachments, the original's body) are skipped without being stored.
 *
 * <pre>
 * message (depth 1)              top headers
 * ├── text/plain, text/html     the human-readable text
 * ├── message/delivery-status   RFC 3464 fields
 * ├── message/feedback-report   RFC 5965 fields
 * └── message/rfc822 (depth 2)  the original: its headers only
 *     or text/rfc822-headers
 * </pre>
 */
final class MimeReader {
    private static final MimeConfig CONFIG = new MimeConfig.Builder()
            .setStrictParsing(false)
            .setMalformedHeaderStartsBody(false)
            .setMaxLineLen(256 * 1024)
            .setMaxHeaderCount(10_000)
            .setMaxHeaderLen(256 * 1024)
            .setMaxContentLen(-1)
            .setMaxPartCount(2_000)
            .setMaxNestingDepth(20)
            .build();

    private MimeReader() {}

    static MailParts read(InputStream in) {
        MailParts parts = new MailParts();
        MimeTokenStream stream = new MimeTokenStream(CONFIG);
        int depth = 0;
        boolean messageHeader = false;
        boolean originalTaken = false;
        Headers embedded = null;
        try {
            stream.parse(withoutEnvelopeLine(in));
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                switch (state) {
                    case T_START_MESSAGE -> {
                        depth++;
                        messageHeader = true;
                        if (depth == 2 && !originalTaken) {
                            embedded = new Headers();
                        }
                    }
                    case T_END_MESSAGE -> depth--;
                    case T_START_BODYPART -> messageHeader = false;
                    case T_FIELD -> {
                        if (messageHeader && depth == 1) {
                            add(parts.headers, stream.getField());
                        } else if (messageHeader && depth == 2 && embedded != null) {
                            add(embedded, stream.getField());
                        }
                    }
                    case T_END_HEADER -> {
                        if (messageHeader && depth == 2 && embedded != null) {
                            takeOriginal(parts, embedded);
                            originalTaken = true;
                            embedded = null;
                        }
                        messageHeader = false;
                    }
                    case T_BODY -> {
                        if (depth == 1) {
                            originalTaken |= body(parts, stream, originalTaken);
                        }
                    }
                    default -> {
                        // preambles, epilogues, boundaries: nothing to read
                    }
                }
            }
        } catch (MimeException | IOException e) {
            parts.readProblem = "malformed message: " + e.getMessage();
        }
        if (embedded != null && !embedded.isEmpty() && !originalTaken) {
            takeOriginal(parts, embedded);
        }
        return parts;
    }

    /** Skips an mbox {@code From } envelope line at the very start, which is no header. */
    /** At most this many blank bytes before the headers are skipped; a message of only blanks stays as it is. */
    private static final int MAX_LEADING_BLANKS = 64 * 1024;

    /**
     * The message without what some mail stores and pipes put before its headers: blank lines (or
     * lines of spaces) and an mbox {@code From } envelope line. A message that starts with a blank
     * line would otherwise have no headers at all.
     */
    private static InputStream withoutEnvelopeLine(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 8192);
        skipBlanks(buffered);
        buffered.mark(5);
        byte[] start = buffered.readNBytes(5);
        if (new String(start, StandardCharsets.ISO_8859_1).equals("From ")) {
            int b;
            while ((b = buffered.read()) != -1 && b != '\n') {
                // the rest of the envelope line
            }
        } else {
            buffered.reset();
        }
        return withUnfoldedStrays(buffered);
    }

    /** The top headers are repaired up to this size; past it the message is read as it is. */
    private static final int MAX_REPAIRED_HEADER = 256 * 1024;

    private static final java.util.regex.Pattern FIELD_NAME =
            java.util.regex.Pattern.compile("^[\\x21-\\x39\\x3B-\\x7E]+[ \\t]*:");

    /**
     * The message with each stray line of its top headers (neither a field nor indented, as when a
     * folded {@code Content-Type}'s {@code boundary=} line lost its indentation on the way) made a
     * continuation of the field before it, instead of being dropped with what it carries.
     */
    private static InputStream withUnfoldedStrays(BufferedInputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        boolean fieldSeen = false;
        while (header.size() < MAX_REPAIRED_HEADER) {
            byte[] line = readLine(in);
            if (line.length == 0) {
                break;
            }
            String text = new String(line, StandardCharsets.ISO_8859_1);
            boolean blank = text.isBlank();
            boolean folded = text.startsWith(" ") || text.startsWith("\t");
            boolean field = !blank && !folded && FIELD_NAME.matcher(text).find();
            if (fieldSeen && !blank && !folded && !field) {
                header.write(' ');
            }
            fieldSeen |= field;
            header.write(line);
            if (blank) {
                break;
            }
        }
        return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(header.toByteArray()), in);
    }

    /** One line with its line ending, or nothing at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n' || line.size() >= MAX_REPAIRED_HEADER) {
                break;
            }
        }
        return line.toByteArray();
    }

    private static void skipBlanks(BufferedInputStream in) throws IOException {
        in.mark(MAX_LEADING_BLANKS + 1);
        for (int i = 0; i < MAX_LEADING_BLANKS; i++) {
            int b = in.read();
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                in.reset();
                in.skip(i);
                return;
            }
        }
        in.reset();
    }

    private static void takeOriginal(MailParts parts, Headers headers) {
        if (parts.original.isEmpty()) {
            parts.original = headers;
        }
    }

    private static void add(Headers headers, Field field) {
        String body = field.getBody();
        try {
            body = DecoderUtil.decodeEncodedWords(body, DecodeMonitor.SILENT);
        } catch (IllegalArgumentException e) {
            // an encoded word in an unknown charset: keep the raw text
        }
        headers.add(field.getName(), body);
    }

    /** Reads one body of the message itself; true when it was the original's headers. */
    private static boolean body(MailParts parts, MimeTokenStream stream, boolean originalTaken) throws IOException {
        BodyDescriptor descriptor = stream.getBodyDescriptor();
        String type =
                descriptor.getMimeType() == null ? "" : descriptor.getMimeType().toLowerCase(Locale.ROOT);
        switch (type) {
            case "message/delivery-status", "message/global-delivery-status" ->
                parts.deliveryStatus.add(decode(stream, descriptor, MailParts.MAX_REPORT));
            case "message/feedback-report" ->
                parts.feedbackReports.add(decode(stream, descriptor, MailParts.MAX_REPORT));
            case "text/rfc822-headers",
                    "text/rfc822-header",
                    "message/global-headers",
                    "message/global",
                    "message/rfc822-headers" -> {
                if (!originalTaken) {
                    takeOriginal(parts, Headers.parse(decode(stream, descriptor, 256 * 1024)));
                    return true;
                }
            }
            case "text/plain", "" ->
                MailParts.append(parts.plainText, decode(stream, descriptor, MailParts.MAX_TEXT), MailParts.MAX_TEXT);
            case "text/html" ->
                MailParts.append(
                        parts.htmlText,
                        HtmlText.of(decode(stream, descriptor, MailParts.MAX_TEXT)),
                        MailParts.MAX_TEXT);
            default -> {
                if (type.startsWith("text/")) {
                    MailParts.append(
                            parts.plainText, decode(stream, descriptor, MailParts.MAX_TEXT), MailParts.MAX_TEXT);
                }
            }
        }
        return false;
    }

    private static String decode(MimeTokenStream stream, BodyDescriptor descriptor, int cap) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = stream.getDecodedInputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while (bytes.size() < cap && (n = in.read(buffer, 0, Math.min(buffer.length, cap - bytes.size()))) > 0) {
                bytes.write(buffer, 0, n);
            }
        }
        return bytes.toString(charset(descriptor.getCharset()));
    }

    /** The named charset, or UTF-8 (with replacement characters) when it is unknown or missing. */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            Charset charset = Charset.forName(name.strip());
            return charset.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : charset;
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
