package dev.newsletter.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Signs a built message with DKIM (RFC 6376; Ed25519 per RFC 8463): relaxed/relaxed canonicalization,
 * SHA-256, no {@code l=} tag, a {@code t=} timestamp from the Date header.
 *
 * <p>Signed headers: {@link #SIGNED_HEADERS}, each listed in {@code h=} once more than it occurs
 * ("oversigning"), so a receiver refuses the signature if anyone adds another From, Subject,
 * List-Unsubscribe or List-Unsubscribe-Post (or a Reply-To the message did not have).
 *
 * <p>The signature covers the exact bytes that go out: a message is built once with CRLF line ends
 * (as SMTP sends them), signed over its bytes, and goes out with the DKIM-Signature header on top.
 * Whatever sends it must send those bytes unchanged: do not set {@code mail.smtp.allow8bitmime}
 * (Jakarta Mail would then re-encode quoted-printable parts as 8bit, after signing). Thread-safe:
 * each call makes its own {@code Signature}.
 */
public final class DkimSigner {
    /** What we sign, in this order. */
    public static final List<String> SIGNED_HEADERS = List.of(
            "From",
            "Reply-To",
            "To",
            "Subject",
            "Date",
            "Message-ID",
            "MIME-Version",
            "Content-Type",
            "List-Id",
            "List-Unsubscribe",
            "List-Unsubscribe-Post");

    private static final int LINE = 76;

    private final DkimKey key;
    private final String domain;
    private final String selector;

    public DkimSigner(DkimKey key, String domain, String selector) {
        this.key = key;
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.selector = selector;
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    public DkimKey key() {
        return key;
    }

    /**
     * Signs a message as built ({@link MessageFactory}: CRLF line ends throughout): returns its bytes
     * with the DKIM-Signature header on top, {@code t=} from {@code date}.
     */
    byte[] sign(byte[] built, Instant date) {
        return withSignature(built, Optional.of(date));
    }

    /** Signs raw message bytes: returns them with CRLF line ends and a DKIM-Signature header first. */
    public byte[] sign(byte[] message, Optional<Instant> time) {
        return withSignature(crlf(message), time);
    }

    private byte[] withSignature(byte[] raw, Optional<Instant> time) {
        byte[] head = signatureHeader(raw, time).getBytes(StandardCharsets.US_ASCII);
        byte[] result = new byte[head.length + raw.length];
        System.arraycopy(head, 0, result, 0, head.length);
        System.arraycopy(raw, 0, result, head.length, raw.length);
        return result;
    }

    /** The DKIM-Signature header field (folded, ending in CRLF) for a message with CRLF line ends. */
    private String signatureHeader(byte[] raw, Optional<Instant> time) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        String headerBlock = split < 0 ? text : text.substring(0, split + 2);
        List<String[]> fields = fields(headerBlock);

        List<String> names = new ArrayList<>();
        StringBuilder signedData = new StringBuilder();
        for (String name : SIGNED_HEADERS) {
            List<String[]> present =
                    fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).toList();
            for (int i = present.size() - 1; i >= 0; i--) {
                names.add(name.toLowerCase(Locale.ROOT));
                signedData
                        .append(relaxedHeader(present.get(i)[0], present.get(i)[1]))
                        .append("\r\n");
            }
            names.add(name.toLowerCase(Locale.ROOT)); // once more than it occurs: added copies break the signature
        }

        List<String> tags = new ArrayList<>();
        tags.add("v=1");
        tags.add("a=" + key.algorithm().tag());
        tags.add("c=relaxed/relaxed");
        tags.add("d=" + domain);
        tags.add("s=" + selector);
        time.ifPresent(t -> tags.add("t=" + t.getEpochSecond()));
        tags.add("h=" + String.join(":", names));
        tags.add("bh="
                + Base64.getEncoder()
                        .encodeToString(sha256(split < 0 ? relaxedBody("") : relaxedBody(raw, split + 4, raw.length))));
        String value = fold(tags) + " b=";
        signedData.append(relaxedHeader("DKIM-Signature", value));
        byte[] signature = key.sign(signedData.toString().getBytes(StandardCharsets.ISO_8859_1));
        return "DKIM-Signature:" + value + wrap(Base64.getEncoder().encodeToString(signature)) + "\r\n";
    }

    /** Header fields as (name, raw value with folding), in message order. */
    private static List<String[]> fields(String headerBlock) {
        List<String[]> fields = new ArrayList<>();
        for (String line : headerBlock.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                String[] last = fields.get(fields.size() - 1);
                last[1] = last[1] + "\r\n" + line;
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
                }
            }
        }
        return fields;
    }

    /** RFC 6376 3.4.2: lower-case name, unfold, compress whitespace, trim. No trailing CRLF. */
    static String relaxedHeader(String name, String value) {
        String unfolded = value.replace("\r\n", "");
        return name.strip().toLowerCase(Locale.ROOT) + ":"
                + unfolded.replaceAll("[ \t]+", " ").strip();
    }

    /** RFC 6376 3.4.4: compress whitespace in lines, drop it at line ends, drop empty lines at the end. */
    static byte[] relaxedBody(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return relaxedBody(bytes, 0, bytes.length);
    }

    /**
     * {@link #relaxedBody(String)} over {@code raw[from, to)} (CRLF line ends), in one pass over the
     * bytes: a run of spaces and tabs becomes one space unless the line ends there; empty lines are
     * held back and dropped if nothing follows them.
     */
    static byte[] relaxedBody(byte[] raw, int from, int to) {
        byte[] out = new byte[to - from + 2];
        int size = 0;
        int emptyLines = 0;
        int i = from;
        while (i < to) {
            int lineStart = size;
            boolean space = false;
            while (i < to && !(raw[i] == '\r' && i + 1 < to && raw[i + 1] == '\n')) {
                byte c = raw[i++];
                if (c == ' ' || c == '\t') {
                    space = true;
                } else {
                    if (space) {
                        out[size++] = ' ';
                        space = false;
                    }
                    out[size++] = c;
                }
            }
            i += 2; // the CRLF (or past the end)
            if (size == lineStart) {
                emptyLines++; // held back: empty lines at the very end are dropped
            } else {
                if (emptyLines > 0) {
                    int length = size - lineStart;
                    out = ensure(out, size + 2 * emptyLines + 2);
                    System.arraycopy(out, lineStart, out, lineStart + 2 * emptyLines, length);
                    for (int k = 0; k < emptyLines; k++) {
                        out[lineStart + 2 * k] = '\r';
                        out[lineStart + 2 * k + 1] = '\n';
                    }
                    size += 2 * emptyLines;
                    emptyLines = 0;
                }
                out = ensure(out, size + 2);
                out[size++] = '\r';
                out[size++] = '\n';
            }
        }
        return Arrays.copyOf(out, size);
    }

    private static byte[] ensure(byte[] out, int size) {
        return size <= out.length ? out : Arrays.copyOf(out, Math.max(size, out.length * 2));
    }

    /** Joins tags with "; ", folding lines before {@link #LINE} columns (FWS is allowed around tags and after ':' in h=). */
    private static String fold(List<String> tags) {
        StringBuilder out = new StringBuilder();
        int column = "DKIM-Signature:".length();
        for (String tag : tags) {
            String piece = " " + tag + ";";
            if (column + piece.length() > LINE) {
                if (tag.startsWith("h=")) {
                    for (String part : splitAfterColons(piece)) {
                        if (column + part.length() > LINE) {
                            out.append("\r\n\t");
                            column = 8;
                        }
                        out.append(part);
                        column += part.length();
                    }
                    continue;
                }
                out.append("\r\n\t");
                column = 8;
            }
            out.append(piece);
            column += piece.length();
        }
        return out.toString();
    }

    private static List<String> splitAfterColons(String piece) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < piece.length(); i++) {
            if (piece.charAt(i) == ':') {
                parts.add(piece.substring(from, i + 1));
                from = i + 1;
            }
        }
        parts.add(piece.substring(from));
        return parts;
    }

    private static String wrap(String base64) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < base64.length(); i += 64) {
            out.append("\r\n\t").append(base64, i, Math.min(base64.length(), i + 64));
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Line ends as SMTP sends them: every bare LF and bare CR becomes CRLF. */
    static byte[] crlf(byte[] in) {
        if (isCrlf(in)) {
            return in;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** Whether every CR is followed by LF and every LF preceded by CR. */
    static boolean isCrlf(byte[] in) {
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\r' && (i + 1 >= in.length || in[i + 1] != '\n')) {
                return false;
            }
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                return false;
            }
        }
        return true;
    }
}
