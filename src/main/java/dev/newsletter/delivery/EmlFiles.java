package dev.newsletter.delivery;

import dev.newsletter.mailing.Letter;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Writes a letter as an {@code .eml} file: exactly the MIME message that would be sent. */
public final class EmlFiles {
    private EmlFiles() {}

    public static void write(Letter letter, Path file) {
        write(letter, file, new MessageFactory());
    }

    /** The bytes of the message {@code messages} builds for {@code letter}, exactly as they would be sent. */
    public static byte[] bytes(Letter letter, MessageFactory messages) {
        Session session = MailSessions.of(new Properties());
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(32 * 1024);
            messages.create(session, letter).writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the message for " + letter.recipient(), e);
        }
    }

    /** Writes the message {@code messages} builds (signed, when it signs). */
    public static void write(Letter letter, Path file, MessageFactory messages) {
        Session session = MailSessions.of(new Properties());
        try (OutputStream out = Files.newOutputStream(file)) {
            messages.create(session, letter).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
