package dev.newsletter.delivery.smtp;

import dev.newsletter.mailing.Mailer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.PropUtil;

/**
 * Angus' SMTP transport, watched: which step of the transaction it is in (MAIL, RCPT, DATA, the
 * final dot), the last reply code and text, and whether it sent {@code RSET} itself. Right before
 * the final dot it tells the {@link Mailer.DataEnd} listener: that is where the journal's attempt
 * line is written, so "attempt without result" means exactly "the server may have the message".
 *
 * <p>{@link #send} is Angus' {@code sendMessage} for one recipient; on the fast path, to a server
 * that offers PIPELINING (RFC 2920), it sends the same commands and the same bytes with half the
 * round trips: see {@link #sendPipelined}.
 */
public final class TrackedTransport extends SMTPTransport {
    /** Where in the transaction the connection is. */
    public enum Step {
        IDLE,
        MAIL,
        RCPT,
        DATA,
        DOT
    }

    private Step step = Step.IDLE;
    private int lastCode;
    private String lastReply = "";
    private boolean resetSent;
    private boolean resetting;
    private Mailer.DataEnd dataEnd = () -> {};
    private SmtpDataStream data;
    private String challenge = "";
    private boolean closed;

    /**
     * Angus' buffered stream to the server (replaced on STARTTLS, so read per message), for
     * {@link SmtpDataStream}; without it (another Angus version) Angus' own data stream is used.
     */
    private static final Field SERVER_OUTPUT = serverOutputField();

    private static Field serverOutputField() {
        try {
            Field field = SMTPTransport.class.getDeclaredField("serverOutput");
            field.setAccessible(true);
            return field.getType() == OutputStream.class ? field : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private OutputStream serverOutput() {
        try {
            return SERVER_OUTPUT == null ? null : (OutputStream) SERVER_OUTPUT.get(this);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** The headers Angus' {@code sendMessage} leaves out of the data. */
    private static final String[] IGNORED_HEADERS = {"Bcc", "Content-Length"};

    private final SmtpPath path;
    /** {@code mail.mime.allowutf8}: commands in UTF-8, and SMTPUTF8 on MAIL FROM when offered (as Angus). */
    private final boolean allowUtf8;

    /**
     * @param path {@link SmtpPath#FAST} writes DATA through {@link SmtpDataStream} and pipelines
     *     when the server offers it; {@link SmtpPath#PLAIN} is stock Angus
     */
    public TrackedTransport(Session session, boolean ssl, SmtpPath path) {
        super(session, new URLName(ssl ? "smtps" : "smtp", null, -1, null, null, null), ssl ? "smtps" : "smtp", ssl);
        this.path = path;
        this.allowUtf8 = PropUtil.getBooleanProperty(session.getProperties(), "mail.mime.allowutf8", false);
    }

    /**
     * Sends {@code message} to {@code recipient}: Angus' {@code sendMessage}, or the same commands
     * pipelined ({@link #sendPipelined}) on the fast path when the server's EHLO offered PIPELINING.
     * Either way a failure throws, and {@link #step()}, {@link #lastCode()} and {@link #lastReply()}
     * say which step failed with which reply.
     */
    public synchronized void send(MimeMessage message, InternetAddress recipient) throws MessagingException {
        OutputStream server = path == SmtpPath.FAST && supportsExtension("PIPELINING") ? serverOutput() : null;
        if (server == null) {
            sendMessage(message, new Address[] {recipient});
        } else {
            sendPipelined(message, recipient, server);
        }
    }

    /**
     * One transaction with PIPELINING (RFC 2920): {@code MAIL FROM}, {@code RCPT TO} and {@code DATA}
     * in one write, worded as Angus words them; then their three replies, in order. DATA ends the
     * group: the body goes only after its 354, then the final dot on its own, as without pipelining.
     * Two round trips per message instead of four.
     *
     * <p>A failure is the first step whose reply is not the expected one: a refused sender or
     * recipient makes the server refuse DATA too ("503 need MAIL", "554 no valid recipients"), and
     * that later refusal is read but is not the outcome. The replies after a failure are read so
     * that the connection stays in step (the caller then sends {@code RSET}); a server that says
     * 354 anyway gets an empty message, a lone dot (RFC 2920 3.1). A 421 or the end of the stream
     * stops the reading: that connection is finished.
     */
    private void sendPipelined(MimeMessage message, InternetAddress recipient, OutputStream server)
            throws MessagingException {
        Address[] from = message.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress sender)) {
            throw new MessagingException("no envelope sender");
        }
        step = Step.MAIL;
        lastCode = -1;
        lastReply = "";
        try {
            server.write(EnvelopeGroup.of(
                    sender.getAddress(),
                    recipient.getAddress(),
                    allowUtf8 && supportsExtension("SMTPUTF8"),
                    allowUtf8));
            server.flush();
        } catch (IOException | RuntimeException e) {
            throw new MessagingException("Can't send command to SMTP host", e);
        }
        if (answer(Step.MAIL) != 250) {
            throw refused(2);
        }
        if (answer(Step.RCPT) / 100 != 2) {
            throw refused(1);
        }
        if (answer(Step.DATA) != 354) {
            throw refused(0);
        }
        SmtpDataStream body = new SmtpDataStream(server);
        try {
            message.writeTo(body, IGNORED_HEADERS);
            body.ensureAtLineStart();
        } catch (IOException e) {
            throw new MessagingException("IOException while sending message", e);
        }
        dataEnd.beforeFinalDot();
        step = Step.DOT;
        if (simpleCommand(".") != 250) {
            MessagingException failure = new MessagingException(getLastServerResponse());
            if (lastCode > 0 && lastCode != 421) {
                try {
                    simpleCommand("RSET"); // as Angus does after a refused message
                } catch (MessagingException e) {
                    // its reply may yet come, and would answer the next MAIL FROM: out of step
                    abandon();
                }
            }
            throw failure;
        }
    }

    /** Reads the reply to {@code to}, the step now in progress. */
    private int answer(Step to) throws MessagingException {
        step = to;
        lastCode = -1;
        lastReply = "";
        return readServerResponse();
    }

    /**
     * The failure of the step in progress, after reading the {@code pending} replies still to come
     * for the group (the last of them DATA's), unless the connection is finished. When they do not
     * come (a timeout, an I/O error), the connection is closed ({@link #abandon}).
     */
    private MessagingException refused(int pending) {
        MessagingException failure = new MessagingException(getLastServerResponse());
        if (lastCode <= 0 || lastCode == 421) {
            return failure;
        }
        try {
            int code = 0;
            for (int i = 0; i < pending; i++) {
                code = super.readServerResponse();
                if (code <= 0 || code == 421) {
                    return failure;
                }
            }
            if (pending > 0 && code == 354) {
                super.sendCommand("."); // its reply is not the outcome: not tracked
                super.readServerResponse();
            }
        } catch (MessagingException e) {
            // a reply still owed may yet come, and would answer the caller's RSET or the next
            // message's MAIL FROM: this connection is out of step and is never used again
            abandon();
        }
        return failure;
    }

    /**
     * Closes the connection, keeping the step and the reply that failed (the QUIT that {@code
     * close()} sends would clear them): {@link #closed()} tells the caller to open a new connection
     * for the next message.
     */
    private void abandon() {
        Step failedStep = step;
        int failedCode = lastCode;
        String failedReply = lastReply;
        try {
            close();
        } catch (MessagingException e) {
            // closed anyway
        } finally {
            step = failedStep;
            lastCode = failedCode;
            lastReply = failedReply;
        }
    }

    /**
     * {@code AUTH XOAUTH2} (Google's and Microsoft's SASL profile): the initial response is
     * {@code user=USER^Aauth=Bearer TOKEN^A^A} in base64. A server that refuses sends a {@code 334}
     * with a base64 JSON error first; the client answers with an empty line and gets the final reply.
     * Angus' own XOAUTH2 closes the connection at that {@code 334} instead, losing the final reply.
     * The command is never traced or logged (Angus traces only with {@code mail.debug}, never set).
     *
     * @return the final reply code: 235 logged in
     */
    public synchronized int xoauth2(String user, String token) throws MessagingException {
        challenge = "";
        String response = "user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001";
        String initial = Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.UTF_8));
        int code = simpleCommand("AUTH XOAUTH2 " + initial);
        if (code == 334) {
            challenge = withoutCredentials(decoded(lastReply), token, initial);
            code = simpleCommand("");
        }
        // a relay may echo what it got: the replies kept for messages never carry the token
        lastReply = withoutCredentials(lastReply, token, initial);
        return code;
    }

    private static String withoutCredentials(String reply, String token, String initial) {
        return reply.replace(initial, "[login]").replace(token, "[token]");
    }

    /** The JSON error a server sent before refusing XOAUTH2 (empty when it sent none). */
    public String challenge() {
        return challenge;
    }

    public synchronized boolean offersXoauth2() {
        return supportsAuthentication("XOAUTH2");
    }

    private static String decoded(String reply) {
        String text = reply.length() > 4 ? reply.substring(4).strip() : "";
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8)
                    .replaceAll("[\\p{Cntrl}]+", " ")
                    .strip();
        } catch (IllegalArgumentException e) {
            return text.replaceAll("[\\p{Cntrl}]+", " ").strip();
        }
    }

    /**
     * Whether this connection was closed on this side: by us when its replies may be out of step
     * with its commands, or by Angus after a reply it could not read. Never to be used again.
     */
    public boolean closed() {
        return closed;
    }

    @Override
    public synchronized void close() throws MessagingException {
        closed = true;
        super.close();
    }

    /** Starts watching one message. */
    public void begin(Mailer.DataEnd listener) {
        step = Step.IDLE;
        resetSent = false;
        resetting = false;
        lastCode = 0;
        lastReply = "";
        dataEnd = listener;
    }

    public Step step() {
        return step;
    }

    public int lastCode() {
        return lastCode;
    }

    public String lastReply() {
        return lastReply;
    }

    public boolean resetSent() {
        return resetSent;
    }

    @Override
    protected void mailFrom() throws MessagingException {
        step = Step.MAIL;
        super.mailFrom();
    }

    @Override
    protected void rcptTo() throws MessagingException {
        step = Step.RCPT;
        super.rcptTo();
    }

    @Override
    protected OutputStream data() throws MessagingException {
        step = Step.DATA;
        OutputStream angus = super.data();
        OutputStream server = path == SmtpPath.FAST ? serverOutput() : null;
        data = server == null ? null : new SmtpDataStream(server);
        return data == null ? angus : data;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        if (data != null) {
            data.ensureAtLineStart();
            data = null;
        }
        dataEnd.beforeFinalDot();
        step = Step.DOT;
        super.finishData();
    }

    @Override
    protected void sendCommand(String command) throws MessagingException {
        // Angus sends RSET (or NOOP) by itself after a refused recipient: keep the refusal as the
        // reply to report, not the 250 that answers the reset
        resetting = command.equals("RSET") || command.equals("NOOP");
        if (resetting) {
            resetSent = true;
        } else {
            lastCode = -1;
            lastReply = "";
        }
        super.sendCommand(command);
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        int code = super.readServerResponse();
        if (!resetting) {
            lastCode = code;
            String reply = getLastServerResponse();
            lastReply = reply == null ? "" : reply.strip();
        }
        return code;
    }
}
