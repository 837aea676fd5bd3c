package dev.newsletter.delivery.smtp;

import java.nio.charset.StandardCharsets;
import org.eclipse.angus.mail.util.ASCIIUtility;

/**
 * The commands of one pipelined group (RFC 2920), {@code MAIL FROM}, {@code RCPT TO} and {@code
 * DATA}, worded and encoded exactly as Angus' {@code SMTPTransport} sends them one by one: addresses
 * in angle brackets, {@code SMTPUTF8} on MAIL FROM when allowed and offered, UTF-8 bytes when {@code
 * mail.mime.allowutf8} is on (else one byte per char), each command ended by CRLF. Angus adds
 * nothing else with our session: no {@code SIZE}, and {@code RET}, {@code AUTH=}, {@code NOTIFY}
 * only from properties we never set.
 */
final class EnvelopeGroup {
    private EnvelopeGroup() {}

    /**
     * @param smtputf8 add {@code SMTPUTF8} to MAIL FROM (allowed in the session and offered by the server)
     * @param utf8 encode as UTF-8 ({@code mail.mime.allowutf8})
     * @throws IllegalArgumentException when an address holds a line break (as Angus refuses it)
     */
    static byte[] of(String sender, String recipient, boolean smtputf8, boolean utf8) {
        String text = command("MAIL FROM:" + angled(sender) + (smtputf8 ? " SMTPUTF8" : ""))
                + command("RCPT TO:" + angled(recipient))
                + command("DATA");
        return utf8 ? text.getBytes(StandardCharsets.UTF_8) : ASCIIUtility.getBytes(text);
    }

    private static String command(String command) {
        if (command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Command contains a line break");
        }
        return command + "\r\n";
    }

    /** As Angus' {@code normalizeAddress}: angle brackets unless the address has one already. */
    private static String angled(String address) {
        return !address.startsWith("<") && !address.endsWith(">") ? "<" + address + ">" : address;
    }
}
