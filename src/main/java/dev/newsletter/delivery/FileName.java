package dev.newsletter.delivery;

import java.nio.charset.StandardCharsets;

/**
 * A file name as a MIME parameter ({@code filename} of Content-Disposition, {@code name} of
 * Content-Type): a quoted string when it is short printable ASCII, else RFC 2231 — {@code UTF-8''}
 * and percent-encoded bytes, split into numbered sections ({@code filename*0*=…; filename*1*=…})
 * so that no header line grows past 78 characters. Percent-encoding leaves nothing but attribute
 * characters, so no CR, LF or quote of a name can reach the header; a control character in a name
 * is refused all the same.
 */
final class FileName {
    /** RFC 2231 attribute-char: what may stand for itself in an encoded value. */
    private static final String ATTRIBUTE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~";

    private static final int SECTION = 40;

    private FileName() {}

    /**
     * {@code ; name="value"} (or its RFC 2231 sections), each parameter on a folded line of its own,
     * ready to append to a header value.
     */
    static String parameter(String name, String value) {
        HeaderValues.singleLine("the attachment name", value);
        if (plain(value)) {
            return ";\r\n\t" + name + "=\"" + value + "\"";
        }
        String encoded = "UTF-8''" + percentEncoded(value);
        if (encoded.length() <= SECTION + 10) {
            return ";\r\n\t" + name + "*=" + encoded;
        }
        StringBuilder sections = new StringBuilder();
        int at = 0;
        for (int n = 0; at < encoded.length(); n++) {
            int end = Math.min(encoded.length(), at + SECTION);
            if (end < encoded.length() && encoded.charAt(end - 1) == '%') {
                end -= 1; // never split a %XX triplet
            } else if (end < encoded.length() && encoded.charAt(end - 2) == '%') {
                end -= 2;
            }
            sections.append(";\r\n\t")
                    .append(name)
                    .append('*')
                    .append(n)
                    .append("*=")
                    .append(encoded, at, end);
            at = end;
        }
        return sections.toString();
    }

    private static boolean plain(String value) {
        if (value.isEmpty() || value.length() > SECTION + 10) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static String percentEncoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && ATTRIBUTE_CHARS.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
