package dev.newsletter.cli;

/** The exit codes scripts can rely on (README, "Exit codes"). */
public final class ExitCode {
    /** Everything was done: every recipient accepted (or already accepted before). */
    public static final int OK = 0;
    /** Finished, but some recipients were not accepted, or the run stopped early. */
    public static final int INCOMPLETE = 1;
    /** The relay confirmation was answered with anything but "y": nothing was sent. */
    public static final int DECLINED = INCOMPLETE;
    /** Could not start: bad arguments, config, issue, template or subscriber file. Nothing was sent. */
    public static final int INVALID_INPUT = 2;

    private ExitCode() {}
}
