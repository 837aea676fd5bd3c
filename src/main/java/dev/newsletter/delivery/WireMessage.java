package dev.newsletter.delivery;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A message built once and final: its header lines as Jakarta Mail formatted them when they were
 * set, and a body already encoded for the wire. {@link #writeTo} writes exactly those bytes in one
 * write: nothing is re-encoded, re-folded or regenerated ({@code saveChanges()} changes nothing), so
 * what DKIM signs is what goes out. Reading it back ({@code getContent()}) parses the body like any
 * received message.
 */
final class WireMessage extends MimeMessage {
    private static final String[] NONE = {};

    private final Instant date;
    private String subject;
    private Address[] from;

    WireMessage(Session session, Instant date) {
        super(session);
        this.date = date;
    }

    private WireMessage(WireMessage original, InternetHeaders headers) {
        super(original.session);
        this.date = original.date;
        this.subject = original.subject;
        this.from = original.from;
        this.headers = headers;
        this.content = original.content;
    }

    /** The body: everything after the header block, already encoded; and its Content-Type. */
    void body(String contentType, byte[] wire) throws MessagingException {
        setHeader("MIME-Version", "1.0");
        setHeader("Content-Type", contentType);
        content = wire;
    }

    /** Remembers the subject and sender as set, so reading them back needs no parsing. */
    void remember(String subject, Address from) {
        this.subject = subject;
        this.from = new Address[] {from};
    }

    Instant date() {
        return date;
    }

    /** The same message with one more header line (folded with CRLF) on top, e.g. a DKIM-Signature. */
    WireMessage withFirstHeader(String line) {
        InternetHeaders lines = new HeaderLines();
        lines.addHeaderLine(line);
        for (Enumeration<String> e = headers.getAllHeaderLines(); e.hasMoreElements(); ) {
            lines.addHeaderLine(e.nextElement());
        }
        return new WireMessage(this, lines);
    }

    /** The whole message as it goes out: header lines, an empty line, the body. */
    byte[] wire() {
        return wire(NONE);
    }

    private byte[] wire(String[] ignoreList) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 2048);
        for (String line : Collections.list(headers.getNonMatchingHeaderLines(ignoreList))) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        os.write(wire(ignoreList == null ? NONE : ignoreList));
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        writeTo(os, NONE);
    }

    @Override
    public String getSubject() throws MessagingException {
        return subject != null ? subject : super.getSubject();
    }

    @Override
    public Address[] getFrom() throws MessagingException {
        return from != null ? from.clone() : super.getFrom();
    }

    @Override
    protected void updateHeaders() {
        // built final: the headers are the ones set, the body is encoded
    }

    /** Header lines in the order added, without Jakarta Mail's thirty empty placeholders. */
    private static final class HeaderLines extends InternetHeaders {
        HeaderLines() {
            headers = new ArrayList<>();
        }
    }
}
