package dev.newsletter.render;

import dev.newsletter.issue.Image;
import dev.newsletter.issue.WebPage;

/**
 * Where the issue's pictures (files next to the issue) are found: in messages, by URL under {@code
 * baseUrl} ({@link #linked}) or as parts of the message ({@link #embedded}, {@code cid:} URLs); on the
 * web page always under {@code baseUrl}, where {@code publish} copies them.
 */
public record Pictures(String baseUrl, boolean embedded) {

    /** {@code images: link}: messages link the pictures under {@code baseUrl}. */
    public static Pictures linked(String baseUrl) {
        return new Pictures(baseUrl, false);
    }

    /** {@code images: embed}: messages show the pictures from their own parts. */
    public static Pictures embedded(String baseUrl) {
        return new Pictures(baseUrl, true);
    }

    /** The {@code src} of {@code image} in a message. */
    String inMessage(Image image) {
        return embedded ? image.cid() : onWeb(image);
    }

    /** The {@code src} of {@code image} on the web page. */
    String onWeb(Image image) {
        return WebPage.imageUrl(baseUrl, image);
    }
}
