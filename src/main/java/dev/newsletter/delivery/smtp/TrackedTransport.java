package dev.newsletter.delivery.smtp;

import dev.newsletter.mailing.Mailer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus' SMTP transport, watched: which step of the transaction it is in (MAIL, RCPT, DATA, the
 * final dot), the last reply code and text, and whether it sent {@code RSET} itself. Right before
 * the final dot it tells the {@link Mailer.DataEnd} listener: that is where the journal's attempt
 * line is written, so "attempt without result" means exactly "the server may have the message".
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

    private final SmtpPath path;

    /** @param path {@link SmtpPath#FAST} writes DATA through {@link SmtpDataStream}; {@link SmtpPath#PLAIN} through Angus' own stream */
    public TrackedTransport(Session session, boolean ssl, SmtpPath path) {
        super(session, new URLName(ssl ? "smtps" : "smtp", null, -1, null, null, null), ssl ? "smtps" : "smtp", ssl);
        this.path = path;
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
