package dev.newsletter.delivery;

import dev.newsletter.mailing.Enclosures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parts every message of a mailing shares — embedded pictures and attachments — encoded once
 * (base64, with their headers and boundaries) when the mailing starts; each message copies the
 * finished bytes after its own text and HTML. The boundaries of {@code multipart/related} and
 * {@code multipart/mixed} are the mailing's too; a body is quoted-printable (where {@code "=_"}
 * never occurs) or is checked not to contain them ({@link #inside}).
 *
 * <p>A picture's part ends the {@code multipart/related} that holds the HTML:
 *
 * <pre>
 * --R
 * Content-Type: image/png; name="graphpipe.png"
 * Content-Transfer-Encoding: base64
 * Content-ID: &lt;img.…@newsletter.invalid&gt;
 * Content-Disposition: inline; filename="graphpipe.png"
 * </pre>
 *
 * and an attachment's part follows the {@code multipart/alternative} in the {@code multipart/mixed}
 * ({@code Content-Disposition: attachment}, RFC 2231 file names from {@link FileName}).
 */
final class SharedParts {
    private static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+");
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*");
    private static final long RUN = new SecureRandom().nextLong() & Long.MAX_VALUE;
    private static final byte[] CRLF = {'\r', '\n'};

    static final SharedParts NONE = new SharedParts(Enclosures.NONE);

    final String related = "=_nl_" + Long.toString(RUN, 36) + "_related";
    final String mixed = "=_nl_" + Long.toString(RUN, 36) + "_mixed";
    private final boolean hasInline;
    private final boolean hasAttachments;
    /** From {@code --R} of the first picture to {@code --R--} and its CRLF. */
    final byte[] inlineTail;
    /** From {@code --M} of the first attachment to {@code --M--} and its CRLF. */
    final byte[] attachmentTail;

    private final byte[] relatedOpen;

    SharedParts(Enclosures enclosures) {
        this.hasInline = !enclosures.inline().isEmpty();
        this.hasAttachments = !enclosures.attachments().isEmpty();
        this.inlineTail = hasInline ? tail(related, enclosures.inline(), "inline") : new byte[0];
        this.attachmentTail = hasAttachments ? tail(mixed, enclosures.attachments(), "attachment") : new byte[0];
        this.relatedOpen = ("Content-Type: multipart/related; type=\"text/html\";\r\n\tboundary=\"" + related
                        + "\"\r\n\r\n--" + related + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    boolean hasInline() {
        return hasInline;
    }

    boolean hasAttachments() {
        return hasAttachments;
    }

    /** Whether {@code text} (a body that is not quoted-printable) holds one of the shared boundaries. */
    boolean inside(String text) {
        return (hasInline && text.contains(related)) || (hasAttachments && text.contains(mixed));
    }

    /** The header block of the {@code multipart/related} part that opens with the HTML (not to be changed). */
    byte[] relatedOpen() {
        return relatedOpen;
    }

    private static byte[] tail(String boundary, List<Enclosures.Part> parts, String disposition) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Base64.Encoder base64 = Base64.getMimeEncoder(76, CRLF);
        for (Enclosures.Part part : parts) {
            out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(head(part, disposition).getBytes(StandardCharsets.US_ASCII));
            byte[] encoded = base64.encode(part.content());
            out.writeBytes(encoded);
            if (encoded.length > 0) {
                out.writeBytes(CRLF);
            }
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String head(Enclosures.Part part, String disposition) {
        String type = HeaderValues.singleLine("Content-Type", part.contentType());
        if (!MEDIA_TYPE.matcher(type).matches()) {
            throw new HeaderInjectionException("'" + type + "' is not a media type: refused, nothing sent");
        }
        StringBuilder head = new StringBuilder()
                .append("Content-Type: ")
                .append(type)
                .append(FileName.parameter("name", part.fileName()))
                .append("\r\nContent-Transfer-Encoding: base64\r\n");
        if (disposition.equals("inline")) {
            String id = HeaderValues.singleLine("Content-ID", part.contentId());
            if (!CONTENT_ID.matcher(id).matches()) {
                throw new HeaderInjectionException("'" + id + "' is not a Content-ID: refused, nothing sent");
            }
            head.append("Content-ID: <").append(id).append(">\r\n");
        }
        return head.append("Content-Disposition: ")
                .append(disposition)
                .append(FileName.parameter("filename", part.fileName()))
                .append("\r\n\r\n")
                .toString();
    }
}
