package dev.newsletter.subscriber;

/**
 * What a subscriber's name may be. It becomes the display name in the To: header of every message,
 * so it must hold no control character (a line break there could add a header) and be of a length a
 * name has: a 10,000-character "name" is a mistake or an attack, and made a 10,002-character header.
 */
final class SubscriberName {
    /** Characters (code points); generous for any real name with titles and affiliations. */
    static final int MAX_LENGTH = 200;

    private SubscriberName() {}

    /** What is wrong with {@code name}, as "the name ...", or null when it is fine. */
    static String problem(String name) {
        String control = RowParser.controlCharacter(name);
        if (control != null) {
            return "the name contains " + control;
        }
        int length = name.strip().codePointCount(0, name.strip().length());
        if (length > MAX_LENGTH) {
            return "the name is " + length + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        return null;
    }
}
