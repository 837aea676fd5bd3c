package dev.newsletter.bounce.imap;

import dev.newsletter.config.InboxSettings;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * The Angus IMAP settings for the {@code inbox:} mailbox. Timeouts are always set (Jakarta Mail's
 * default is to wait forever); TLS is either IMAPS or a required STARTTLS, and the server's certificate
 * and host name are checked (never {@code ssl.trust=*}); bodies are fetched with {@code BODY.PEEK}, in
 * blocks, so a huge message is never fetched whole and reading marks nothing {@code \Seen}.
 */
final class ImapSessions {
    /** Bytes per partial fetch: a 8 MiB head of a message in 8 round trips. */
    static final int FETCH_SIZE = 1024 * 1024;

    private ImapSessions() {}

    static String protocol(InboxSettings settings) {
        return settings.tls() == InboxSettings.Tls.TLS ? "imaps" : "imap";
    }

    static Properties properties(InboxSettings settings, boolean xoauth2, Optional<SSLSocketFactory> trust) {
        String p = "mail." + protocol(settings) + ".";
        String millis = Long.toString(settings.timeout().toMillis());
        Properties props = new Properties();
        props.put(p + "host", settings.host());
        props.put(p + "port", Integer.toString(settings.port()));
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put(p + "writetimeout", millis);
        props.put(p + "peek", "true");
        props.put(p + "partialfetch", "true");
        props.put(p + "fetchsize", Integer.toString(FETCH_SIZE));
        props.put(p + "ssl.checkserveridentity", "true");
        // one connection, closed at the end of the scan
        props.put(p + "connectionpoolsize", "1");
        switch (settings.tls()) {
            case TLS -> props.put(p + "ssl.enable", "true");
            case STARTTLS_REQUIRED -> {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
            }
            case NONE -> {
                // only to this machine (ConfigLoader refuses it elsewhere)
            }
        }
        trust.ifPresent(sockets -> props.put(p + "ssl.socketFactory", sockets));
        if (xoauth2) {
            props.put(p + "auth.mechanisms", "XOAUTH2");
        }
        return props;
    }
}
