package dev.newsletter.delivery;

/** Guards header values: data with CR, LF or other control characters never reaches a header. */
final class HeaderValues {
    private HeaderValues() {}

    static String singleLine(String header, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || (c < 0x20 && c != '\t') || c == 0x7f) {
                throw new HeaderInjectionException(
                        header + " contains a line break or control character: refused, nothing sent");
            }
        }
        return value;
    }
}
