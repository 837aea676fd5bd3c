package dev.newsletter.signup;

import dev.newsletter.address.EmailAddress;
import java.net.URI;

/**
 * Where the signup rules hand their mails: queued and sent in the background (logged, journaled,
 * retried and paced like every message), so no HTTP answer waits for SMTP. Neither method blocks.
 */
public interface SignupMail extends AutoCloseable {

    /** The confirmation mail with its link. Nothing the form typed (the name, fields) goes into it. */
    void confirmation(String list, EmailAddress to, URI confirmLink);

    /** The welcome mail, to a subscriber just confirmed on {@code list} (when the project has its templates). */
    void welcome(String list, EmailAddress to);

    @Override
    void close();
}
