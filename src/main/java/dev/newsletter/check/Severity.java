package dev.newsletter.check;

/** How serious a check's finding is: passed, a warning, or a failure. Only {@link #FAIL} blocks a send. */
public enum Severity {
    PASS,
    WARN,
    FAIL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
