package dev.newsletter.delivery;

import dev.newsletter.mailing.Letter;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the MIME message for a {@link Letter}. A pure function of its input. The tree:
 *
 * <pre>
 * multipart/alternative
 * ├── text/plain; charset=UTF-8   (first: the fallback)
 * └── text/html;  charset=UTF-8   (last: preferred by clients that can show it)
 * </pre>
 *
 * Each body is encoded once, here ({@code 7bit} when it can be, else quoted-printable), and carried
 * as bytes: sending copies them as they are. Rendered HTML is ASCII (non-ASCII characters are
 * written as character references when rendering), so it usually goes out as {@code 7bit}.
 *
 * Headers: From, Reply-To (optional), To, Subject (RFC 2047 when not ASCII), Date, Message-ID (ours,
 * deterministic), MIME-Version, List-Id, List-Unsubscribe (https, and mailto when configured) and
 * List-Unsubscribe-Post (RFC 8058), built by {@link MessageHeaders}: encoded and folded so that no
 * line is over 998 characters (78 wherever it can be). No header value may carry CR or LF from
 * data: such a value is refused, never folded into a second header. Bodies get CRLF line ends (no bare LF); Jakarta Mail
 * quoted-printable-encodes a part with a line over 998 characters.
 *
 * <p>With a {@link DkimSigner} the built message is signed last, and what is returned is the signed
 * message (see {@link DkimSigner#sign(WireMessage)}).
 */
public final class MessageFactory {
    private final Optional<DkimSigner> signer;
    private final MessageHeaders headers = new MessageHeaders();

    /** A factory that does not sign. */
    public MessageFactory() {
        this(Optional.empty());
    }

    public MessageFactory(Optional<DkimSigner> signer) {
        this.signer = signer;
    }

    public MimeMessage create(Session session, Letter letter) {
        try {
            WireMessage message = new WireMessage(session, letter.date().toInstant());
            for (MessageHeaders.Field field : headers.of(letter)) {
                message.setHeader(field.name(), field.value());
            }
            message.remember(
                    letter.content().subject(),
                    new InternetAddress(
                            letter.from().address().toString(),
                            emptyToNull(letter.from().displayName()),
                            StandardCharsets.UTF_8.name()));
            Alternative body = new Alternative(
                    QuotedPrintable.encodeWire(letter.content().text()),
                    QuotedPrintable.encodeWire(letter.content().html()));
            message.body("multipart/alternative; boundary=\"" + body.boundary + "\"", body.wire());
            return signer.isEmpty() ? message : signer.get().sign(message);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot build the message for " + letter.recipient(), e);
        }
    }

    private static String emptyToNull(String name) {
        return name.isEmpty() ? null : name;
    }

    /**
     * The multipart/alternative body: the text part first (the fallback), the HTML last (preferred
     * by clients that can show it), each with its two headers, as Jakarta Mail would write it.
     */
    private static final class Alternative {
        private static final AtomicLong COUNT = new AtomicLong();
        private static final long RUN = new SecureRandom().nextLong() & Long.MAX_VALUE;

        private final WireBytes text;
        private final WireBytes html;
        private final String boundary;

        Alternative(WireBytes text, WireBytes html) {
            this.text = text;
            this.html = html;
            // "=_" never occurs in quoted-printable; a 7bit body is checked
            String candidate;
            do {
                candidate = "=_nl_" + Long.toString(RUN, 36) + "_" + COUNT.incrementAndGet();
            } while (contains(text, candidate) || contains(html, candidate));
            this.boundary = candidate;
        }

        byte[] wire() {
            byte[] open = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] textHead = head("text/plain; charset=UTF-8", text.encoding());
            byte[] htmlHead = head("text/html; charset=UTF-8", html.encoding());
            byte[] close = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte
                    [2 * open.length
                            + textHead.length
                            + text.length()
                            + 2
                            + htmlHead.length
                            + html.length()
                            + 2
                            + close.length];
            int at = put(out, 0, open, open.length);
            at = put(out, at, textHead, textHead.length);
            at = put(out, at, text.buffer(), text.length());
            at = put(out, at, CRLF, 2);
            at = put(out, at, open, open.length);
            at = put(out, at, htmlHead, htmlHead.length);
            at = put(out, at, html.buffer(), html.length());
            at = put(out, at, CRLF, 2);
            put(out, at, close, close.length);
            return out;
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
