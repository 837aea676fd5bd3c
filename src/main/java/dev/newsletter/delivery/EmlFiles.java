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
        Session session = MailSessions.of(new Properties());
        try (OutputStream out = Files.newOutputStream(file)) {
            new MessageFactory().create(session, letter).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
