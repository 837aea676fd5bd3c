package dev.newsletter.delivery;

import jakarta.mail.Session;
import java.util.Properties;

/**
 * Creates Jakarta Mail sessions, after making sure the {@code StreamProvider} is named by its
 * system property: without it, Jakarta Mail 2.1 looks it up through the ServiceLoader (a class-path
 * scan) on every call, which doubled the CPU time per message. The launcher passes the property;
 * this covers every other way of starting the program.
 */
public final class MailSessions {
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        useAngusStreamProvider();
    }

    private MailSessions() {}

    /** Names Angus' StreamProvider unless the launcher already did; call once at start. */
    public static void useAngusStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        }
    }

    static Session of(Properties properties) {
        return Session.getInstance(properties);
    }
}
