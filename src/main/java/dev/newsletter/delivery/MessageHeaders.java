package dev.newsletter.delivery;

import dev.newsletter.address.Mailbox;
import dev.newsletter.mailing.Letter;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header fields a {@link Letter} goes out with, encoded and folded ({@link HeaderValues}), in the
 * order they are set: From, Reply-To (optional), To, Subject, Date, Message-ID, List-Id,
 * List-Unsubscribe, List-Unsubscribe-Post. MIME-Version and Content-Type come with the body, and a
 * DKIM-Signature with signing. Building them needs no body, so the pre-send check can build the
 * fields of every recipient's message without rendering it: only {@link #to} differs between them.
 *
 * @throws HeaderInjectionException (from {@link #of}) when a value cannot go into a header
 */
public final class MessageHeaders {
    /** One header field: its name and its value, folded with CRLF and ready for the wire. */
    public record Field(String name, String value) {
        /** The whole field as it goes out, without the final CRLF. */
        public String line() {
            return name + ": " + value;
        }

        /** The length of the field's longest line as it goes out (name included, CRLF not). */
        public int longestLine() {
            int longest = 0;
            int start = -(name.length() + 2); // the first line starts with "Name: "
            for (int end = value.indexOf("\r\n"); end >= 0; end = value.indexOf("\r\n", start)) {
                longest = Math.max(longest, end - start);
                start = end + 2;
            }
            return Math.max(longest, value.length() - start);
        }
    }

    /** The name of the one field that differs between the messages of a mailing ({@link #to}). */
    public static final String TO = "To";

    /** RFC 5322 §3.3, in English whatever the machine's locale: {@code Fri, 1 Nov 2026 09:00:00 +0000}. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ENGLISH);

    /** The last subject and its header value: every message of a mailing has the same subject. */
    private volatile String[] lastSubject = {"", ""};

    public List<Field> of(Letter letter) {
        List<Field> fields = new ArrayList<>(9);
        fields.add(new Field("From", mailbox("From", letter.from())));
        letter.replyTo()
                .ifPresent(replyTo ->
                        fields.add(new Field("Reply-To", HeaderValues.phrased("Reply-To", "", replyTo.toString()))));
        fields.add(to(letter.to()));
        fields.add(new Field("Subject", subject(letter.content().subject())));
        fields.add(new Field("Date", DATE.format(letter.date())));
        fields.add(new Field("Message-ID", HeaderValues.structured("Message-ID", letter.messageId())));
        fields.add(new Field("List-Id", listId(letter.listId())));
        fields.add(new Field("List-Unsubscribe", HeaderValues.structured("List-Unsubscribe", listUnsubscribe(letter))));
        fields.add(new Field("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        return fields;
    }

    /**
     * The To field of a message to {@code to}, exactly as {@link #of} builds it: the pre-send check
     * builds it for every recipient of a list, and the other fields once.
     *
     * @throws HeaderInjectionException when the name or address cannot go into a header
     */
    public static Field to(Mailbox to) {
        return new Field(TO, mailbox(TO, to));
    }

    private String subject(String subject) {
        String[] last = lastSubject;
        if (!last[0].equals(subject)) {
            last = new String[] {subject, HeaderValues.unstructured("Subject", subject)};
            lastSubject = last;
        }
        return last[1];
    }

    /** {@code Name <address>}, or the bare address when there is no name, as Jakarta Mail writes it. */
    private static String mailbox(String header, Mailbox mailbox) {
        String name = HeaderValues.singleLine("display name", mailbox.displayName());
        String address = mailbox.address().toString();
        return HeaderValues.phrased(header, name, name.isEmpty() ? address : "<" + address + ">");
    }

    /** RFC 2919: {@code phrase <list-id>}; the phrase (the newsletter's name) like a display name. */
    private static String listId(String value) {
        int open = value.lastIndexOf('<');
        if (open >= 0 && value.endsWith(">")) {
            return HeaderValues.phrased("List-Id", value.substring(0, open).strip(), value.substring(open));
        }
        return HeaderValues.structured("List-Id", value);
    }

    private static String listUnsubscribe(Letter letter) {
        StringBuilder value = new StringBuilder("<")
                .append(checkedUri(letter.unsubscribeUrl()))
                .append('>');
        letter.unsubscribeMailto()
                .ifPresent(
                        mailto -> value.append(", <").append(checkedUri(mailto)).append('>'));
        return value.toString();
    }

    private static String checkedUri(URI uri) {
        return HeaderValues.singleLine("List-Unsubscribe", uri.toASCIIString());
    }
}
