package dev.newsletter.check;

import dev.newsletter.config.Config;
import dev.newsletter.config.SmtpSettings;
import java.util.List;

/**
 * Does anything read what comes back? In relay mode bounces, spam complaints and mailed
 * unsubscribes arrive as mail; if nobody reads them (no {@code inbox:} source), hard bounces and
 * complainers stay on the list, and the {@code mailto:} unsubscribe that List-Unsubscribe offers is
 * never honoured (Gmail and Yahoo require unsubscribes honoured within two days). Two warnings, never
 * failures: a mail server may pipe the mail into {@code inbox scan --stdin} instead. In capture mode
 * nothing reaches anyone, so nothing comes back and nothing is checked.
 *
 * <ul>
 *   <li>{@code bounces}: relay mode and no inbox configured;
 *   <li>{@code unsubscribe-mailto}: relay mode, {@code unsubscribe.mailto} set and no inbox configured.
 * </ul>
 */
final class ReturnMailChecks {
    static final String BOUNCES = "bounces";
    static final String MAILTO = "unsubscribe-mailto";

    private ReturnMailChecks() {}

    /** @param inboxConfigured whether an {@code inbox:} source reads the return mail ({@link Config#hasInbox()}) */
    static void check(Config config, boolean inboxConfigured, List<CheckResult> results) {
        if (config.smtp().mode() != SmtpSettings.Mode.RELAY) {
            return;
        }
        String returnPath = config.sending().returnPath().isEmpty()
                ? "the From address"
                : config.sending().returnPath();
        if (inboxConfigured) {
            results.add(CheckResult.pass(
                    BOUNCES,
                    "the inbox is read: bounces and complaints sent to " + returnPath + " keep the lists clean"));
        } else {
            results.add(CheckResult.warn(
                            BOUNCES,
                            "no inbox is configured: nobody reads the bounces and spam complaints sent to " + returnPath
                                    + ", so dead addresses and complainers stay on the list")
                    .with(List.of(
                            "add an inbox: section (IMAP) so that `run` reads them,",
                            "or deliver that mailbox to `newsletter inbox scan --stdin --apply` (a Postfix pipe)")));
        }
        String mailto = config.unsubscribe().mailto();
        if (!mailto.isEmpty() && !inboxConfigured) {
            results.add(CheckResult.warn(
                            MAILTO,
                            "List-Unsubscribe offers mailto:" + mailto
                                    + " but no inbox is configured: nobody reads those mails, so those"
                                    + " unsubscribes are never honoured")
                    .with(List.of(
                            "read " + mailto + " with an inbox: section or `inbox scan --stdin --apply`,",
                            "or remove unsubscribe.mailto (the one-click https link stays)")));
        }
    }
}
