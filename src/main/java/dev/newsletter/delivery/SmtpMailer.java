package dev.newsletter.delivery;

import dev.newsletter.config.SmtpSettings.Tls;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.Mailer;
import dev.newsletter.mailing.MailerUnavailableException;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Mailer} over one SMTP connection, kept open for many messages. Policy:
 *
 * <ul>
 *   <li>Timeouts are always set (Jakarta Mail's defaults are infinite).
 *   <li>Replies are classified per message: 2xx accepted, 4xx deferred, 5xx on RCPT rejected.
 *   <li>A broken connection (I/O error, timeout) is closed and never reused; the next message
 *       opens a new one. The message in flight is reported as failed (retryable), never rejected.
 *   <li>Authentication refused, TLS required but not offered, or the sender refused with 5xx stop
 *       the run ({@link MailerUnavailableException}): every recipient would get the same answer.
 * </ul>
 */
public final class SmtpMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

    private final SmtpEndpoint endpoint;
    private final Session session;
    private final MessageFactory messages;
    private SMTPTransport transport;

    public SmtpMailer(SmtpEndpoint endpoint) {
        this(endpoint, new MessageFactory());
    }

    /** @param messages builds (and, with DKIM configured, signs) each message */
    public SmtpMailer(SmtpEndpoint endpoint, MessageFactory messages) {
        this.endpoint = endpoint;
        this.messages = messages;
        this.session = Session.getInstance(properties(endpoint));
    }

    /** A factory opening one mailer per worker against {@code endpoint}. */
    public static Mailer.Factory factory(SmtpEndpoint endpoint) {
        return () -> new SmtpMailer(endpoint);
    }

    /** A factory opening one mailer per worker against {@code endpoint}, building messages with {@code messages}. */
    public static Mailer.Factory factory(SmtpEndpoint endpoint, MessageFactory messages) {
        return () -> new SmtpMailer(endpoint, messages);
    }

    static Properties properties(SmtpEndpoint endpoint) {
        String p = endpoint.tls() == Tls.TLS ? "mail.smtps." : "mail.smtp.";
        String millis = Long.toString(endpoint.timeout().toMillis());
        Properties props = new Properties();
        props.put(p + "host", endpoint.host());
        props.put(p + "port", Integer.toString(endpoint.port()));
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put(p + "writetimeout", millis);
        props.put(p + "localhost", endpoint.heloName());
        props.put(p + "quitwait", "false");
        props.put(p + "userset", "true");
        props.put(p + "auth", Boolean.toString(!endpoint.username().isEmpty()));
        props.put(p + "ssl.checkserveridentity", "true");
        switch (endpoint.tls()) {
            case STARTTLS_REQUIRED -> {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
            }
            case STARTTLS -> props.put(p + "starttls.enable", "true");
            case TLS -> props.put(p + "ssl.enable", "true");
            case NONE -> props.put(p + "socketFactory", new NoDelaySocketFactory());
        }
        return props;
    }

    @Override
    public DeliveryResult send(Letter letter) {
        MimeMessage message = messages.create(session, letter);
        SMTPTransport connection = connected();
        Address[] to = {toAddress(letter)};
        try {
            connection.sendMessage(message, to);
            return DeliveryResult.ofReply(connection.getLastReturnCode(), connection.getLastServerResponse());
        } catch (SMTPSendFailedException e) {
            return refusedTransaction(e);
        } catch (SendFailedException e) {
            return refusedRecipient(e);
        } catch (MessagingException e) {
            LOG.debug("connection to {} broke while sending to {}", endpoint, letter.recipient(), e);
            closeQuietly();
            return DeliveryResult.connectionFailed(describe(e));
        }
    }

    private DeliveryResult refusedTransaction(SMTPSendFailedException e) {
        String command = e.getCommand() == null ? "" : e.getCommand();
        DeliveryResult result = DeliveryResult.ofReply(e.getReturnCode(), e.getMessage());
        if (command.startsWith("MAIL FROM") && e.getReturnCode() >= 500) {
            throw new MailerUnavailableException(
                    "the server refused the sender: " + e.getMessage().strip(), e);
        }
        if (e.getNextException() instanceof SMTPAddressFailedException rcpt) {
            return DeliveryResult.ofReply(rcpt.getReturnCode(), rcpt.getMessage());
        }
        if (!isUsable()) {
            closeQuietly();
        }
        return result;
    }

    private DeliveryResult refusedRecipient(SendFailedException e) {
        Exception next = e.getNextException();
        while (next != null) {
            if (next instanceof SMTPAddressFailedException rcpt) {
                return DeliveryResult.ofReply(rcpt.getReturnCode(), rcpt.getMessage());
            }
            next = next instanceof MessagingException m ? m.getNextException() : null;
        }
        closeQuietly();
        return DeliveryResult.connectionFailed(describe(e));
    }

    private SMTPTransport connected() {
        if (transport != null && transport.isConnected()) {
            return transport;
        }
        closeQuietly();
        try {
            SMTPTransport fresh = (SMTPTransport) session.getTransport(endpoint.tls() == Tls.TLS ? "smtps" : "smtp");
            if (endpoint.username().isEmpty()) {
                fresh.connect();
            } else {
                fresh.connect(endpoint.username(), endpoint.password());
            }
            transport = fresh;
            return fresh;
        } catch (AuthenticationFailedException e) {
            throw new MailerUnavailableException(
                    "the server at " + endpoint + " refused the login for user '" + endpoint.username() + "'", e);
        } catch (MessagingException e) {
            throw new MailerUnavailableException("cannot connect to " + endpoint + ": " + describe(e), e);
        }
    }

    private boolean isUsable() {
        return transport != null && transport.isConnected();
    }

    private static Address toAddress(Letter letter) {
        try {
            return new InternetAddress(letter.recipient().toString());
        } catch (MessagingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.strip();
    }

    private void closeQuietly() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("closing the connection to {} failed", endpoint, e);
            }
            transport = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
