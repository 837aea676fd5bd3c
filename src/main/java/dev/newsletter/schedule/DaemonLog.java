package dev.newsletter.schedule;

/** Where the daemon says what it does: each firing, its summary, what it skipped and why. */
public interface DaemonLog {
    void info(String message);

    /** Something a person should look at: a skipped or failed firing, an incomplete send. */
    void warn(String message);
}
