package dev.newsletter.mailing;

import java.util.List;

/**
 * The files that go with every message of a mailing, free of any mail library: the pictures the
 * HTML shows from its own parts ({@code cid:} URLs, {@code images: embed}) and the issue's
 * attachments. The same for every recipient, so the delivery package encodes them once per mailing.
 */
public record Enclosures(List<Part> inline, List<Part> attachments) {
    /** No pictures and no attachments: a plain {@code multipart/alternative} message. */
    public static final Enclosures NONE = new Enclosures(List.of(), List.of());

    public Enclosures {
        inline = List.copyOf(inline);
        attachments = List.copyOf(attachments);
    }

    public boolean isEmpty() {
        return inline.isEmpty() && attachments.isEmpty();
    }

    /**
     * One file.
     *
     * @param fileName the name a reader saves it as (no folders)
     * @param contentType its media type, such as {@code image/png}
     * @param contentId for an inline picture its Content-ID without angle brackets; empty for an attachment
     * @param content its bytes (not copied: nobody changes them)
     */
    public record Part(String fileName, String contentType, String contentId, byte[] content) {}
}
