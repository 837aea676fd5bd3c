package dev.newsletter.delivery;

import dev.newsletter.mailing.Enclosures;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.OutgoingMessage;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a {@link Letter} into the {@link OutgoingMessage} that goes out: its envelope and its
 * bytes, signed with DKIM when there is a signer. A pure function of its input. The tree is the
 * smallest that fits:
 *
 * <pre>
 * multipart/alternative
 * ├── text/plain; charset=UTF-8   (first: the fallback)
 * └── text/html;  charset=UTF-8   (last: preferred by clients that can show it)
 * </pre>
 *
 * and with the mailing's {@link Enclosures} (embedded pictures, attachments), as Gmail, Outlook and
 * Apple Mail expect it (RFC 2046, RFC 2387):
 *
 * <pre>
 * multipart/mixed                          (only with attachments)
 * ├── multipart/alternative
 * │   ├── text/plain; charset=UTF-8
 * │   └── multipart/related; type="text/html"   (only with embedded pictures)
 * │       ├── text/html; charset=UTF-8    (shows each picture by its cid: URL)
 * │       └── image/png …                 (Content-ID, Content-Disposition: inline)
 * └── application/pdf …                   (Content-Disposition: attachment)
 * </pre>
 *
 * The pictures and attachments are the same in every message: they are encoded once, when the
 * factory is made ({@link SharedParts}), and each message copies the finished bytes.
 *
 * Each body is encoded once, here ({@code 7bit} when it can be, else quoted-printable), straight
 * into the message's one array, after the header block: sending writes that array as it is.
 * Rendered HTML is ASCII (non-ASCII characters are written as character references when
 * rendering), so it usually goes out as {@code 7bit}.
 *
 * Headers: From, Reply-To (optional), To, Subject (RFC 2047 when not ASCII), Date, Message-ID (ours,
 * deterministic), MIME-Version, List-Id, List-Unsubscribe (https, and mailto when configured) and
 * List-Unsubscribe-Post (RFC 8058), built by {@link MessageHeaders}: encoded and folded so that no
 * line is over 998 characters (78 wherever it can be), in the order Jakarta Mail's {@link
 * InternetHeaders} gives them. No header value may carry CR or LF from data: such a value is
 * refused, never folded into a second header. Everything has CRLF line ends (no bare LF).
 *
 * <p>With a {@link DkimSigner} the built bytes are signed last, and the DKIM-Signature goes on top
 * (see {@link DkimSigner#sign(byte[], java.time.Instant)}).
 */
public final class MessageFactory {
    private final Optional<DkimSigner> signer;
    private final SharedParts shared;
    private final MessageHeaders headers = new MessageHeaders();

    /** A factory that does not sign. */
    public MessageFactory() {
        this(Optional.empty());
    }

    public MessageFactory(Optional<DkimSigner> signer) {
        this(signer, Enclosures.NONE);
    }

    /**
     * A factory for a mailing whose messages all carry {@code enclosures}, encoded here, once.
     *
     * @throws HeaderInjectionException when a file name, type or Content-ID cannot go into a header
     */
    public MessageFactory(Optional<DkimSigner> signer, Enclosures enclosures) {
        this.signer = signer;
        this.shared = enclosures.isEmpty() ? SharedParts.NONE : new SharedParts(enclosures);
    }

    /**
     * The message for {@code letter}, built and (with a signer) signed.
     *
     * @throws HeaderInjectionException when a value cannot go into a header
     */
    public OutgoingMessage build(Letter letter) {
        Alternative body = new Alternative(
                encoded(letter.content().text()), encoded(letter.content().html()), shared);
        InternetHeaders fields = new InternetHeaders();
        for (MessageHeaders.Field field : headers.of(letter)) {
            fields.setHeader(field.name(), field.value());
        }
        fields.setHeader("MIME-Version", "1.0");
        fields.setHeader("Content-Type", body.contentType());
        ByteArrayOutputStream head = new ByteArrayOutputStream(2048);
        for (String line : Collections.list(fields.getNonMatchingHeaderLines(new String[0]))) {
            head.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            head.writeBytes(CRLF);
        }
        head.writeBytes(CRLF);
        byte[] out = new byte[head.size() + body.length()];
        byte[] headBytes = head.toByteArray();
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        body.writeTo(out, headBytes.length);
        byte[] bytes =
                signer.isEmpty() ? out : signer.get().sign(out, letter.date().toInstant());
        return new OutgoingMessage(
                OutgoingMessage.Envelope.of(letter.from().address(), letter.recipient(), letter.messageId()), bytes);
    }

    /**
     * How many bytes of each message are the shared pictures and attachments: a mail client does
     * not count them when it clips a long message.
     */
    public int sharedBytes() {
        return shared.inlineTail.length + shared.attachmentTail.length;
    }

    /** A body for the wire; quoted-printable when 7bit would hold one of the shared boundaries. */
    private WireBytes encoded(String body) {
        WireBytes wire = QuotedPrintable.encodeWire(body);
        return !wire.encoding().equals("quoted-printable") && shared.inside(body)
                ? QuotedPrintable.quoteWire(body)
                : wire;
    }

    /**
     * The multipart/alternative body: the text part first (the fallback), the HTML last (preferred
     * by clients that can show it), each with its two headers, as Jakarta Mail would write it; with
     * embedded pictures the HTML opens a multipart/related that the pictures close, and with
     * attachments all of it is the first part of a multipart/mixed that the attachments end.
     */
    private static final class Alternative {
        private static final AtomicLong COUNT = new AtomicLong();
        private static final long RUN = new SecureRandom().nextLong() & Long.MAX_VALUE;

        private final WireBytes text;
        private final WireBytes html;
        private final String boundary;
        private final byte[] open;
        private final byte[] close;
        private final byte[] textHead;
        private final byte[] htmlHead;
        private final SharedParts shared;
        private final byte[] mixedOpen;
        private final byte[] relatedOpen;

        Alternative(WireBytes text, WireBytes html, SharedParts shared) {
            this.text = text;
            this.html = html;
            this.shared = shared;
            // "=_" never occurs in quoted-printable; a 7bit body is checked
            String candidate;
            do {
                candidate = "=_nl_" + Long.toString(RUN, 36) + "_" + COUNT.incrementAndGet();
            } while (contains(text, candidate) || contains(html, candidate));
            this.boundary = candidate;
            this.open = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
            this.close = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            this.textHead = head("text/plain; charset=UTF-8", text.encoding());
            this.htmlHead = head("text/html; charset=UTF-8", html.encoding());
            this.mixedOpen = shared.hasAttachments()
                    ? ("--" + shared.mixed + "\r\n" + "Content-Type: " + alternativeType() + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII)
                    : new byte[0];
            this.relatedOpen = shared.hasInline() ? shared.relatedOpen() : new byte[0];
        }

        private String alternativeType() {
            return "multipart/alternative; boundary=\"" + boundary + "\"";
        }

        /** The message's Content-Type. */
        String contentType() {
            return shared.hasAttachments() ? "multipart/mixed; boundary=\"" + shared.mixed + "\"" : alternativeType();
        }

        /** The body's size in bytes. */
        int length() {
            return mixedOpen.length
                    + 2 * open.length
                    + textHead.length
                    + text.length()
                    + 2
                    + relatedOpen.length
                    + htmlHead.length
                    + html.length()
                    + 2
                    + shared.inlineTail.length
                    + close.length
                    + shared.attachmentTail.length;
        }

        /** Writes the body into {@code out} from {@code at}; {@code out} has {@link #length()} bytes there. */
        void writeTo(byte[] out, int at) {
            at = put(out, at, mixedOpen, mixedOpen.length);
            at = put(out, at, open, open.length);
            at = put(out, at, textHead, textHead.length);
            at = put(out, at, text.buffer(), text.length());
            at = put(out, at, CRLF, 2);
            at = put(out, at, open, open.length);
            at = put(out, at, relatedOpen, relatedOpen.length);
            at = put(out, at, htmlHead, htmlHead.length);
            at = put(out, at, html.buffer(), html.length());
            at = put(out, at, CRLF, 2);
            at = put(out, at, shared.inlineTail, shared.inlineTail.length);
            at = put(out, at, close, close.length);
            put(out, at, shared.attachmentTail, shared.attachmentTail.length);
        }

        private static byte[] head(String contentType, String encoding) {
            return ("Content-Type: " + contentType + "\r\nContent-Transfer-Encoding: " + encoding + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        private static int put(byte[] out, int at, byte[] bytes, int length) {
            System.arraycopy(bytes, 0, out, at, length);
            return at + length;
        }

        private static boolean contains(WireBytes body, String boundary) {
            return !body.encoding().equals("quoted-printable")
                    && new String(body.buffer(), 0, body.length(), StandardCharsets.ISO_8859_1).contains(boundary);
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
