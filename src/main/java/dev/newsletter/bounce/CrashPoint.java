package dev.newsletter.bounce;

/**
 * A test hook for the crash tests of {@code inbox scan --apply}: with the system property {@code
 * newsletter.test.haltAfterChanges=N} the JVM halts ({@link Runtime#halt}, as abruptly as {@code kill
 * -9}: no shutdown hooks, no flushing) right after the N-th durable change of the run (a list change,
 * a soft bounce record, a processed record), so a test can stop a real process at every point
 * between two writes without depending on timing. Without the property (always, outside those
 * tests) it does nothing.
 */
final class CrashPoint {
    /** The exit status of a halt, to tell it from any real exit. */
    static final int HALTED = 99;

    private final int haltAfter;
    private int passed;

    private CrashPoint(int haltAfter) {
        this.haltAfter = haltAfter;
    }

    static CrashPoint fromSystemProperty() {
        return new CrashPoint(Integer.getInteger("newsletter.test.haltAfterChanges", 0));
    }

    /** One more durable change is done. */
    void passed() {
        if (haltAfter > 0 && ++passed >= haltAfter) {
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
