package dev.newsletter.check;

/** How a check came out. Only {@link #FAIL} blocks a send. */
public enum Status {
    PASS,
    WARN,
    FAIL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
