package dev.newsletter.schedule;

import dev.newsletter.app.InboxScans;
import dev.newsletter.bounce.InboxScan;
import dev.newsletter.bounce.MailboxUnavailableException;
import dev.newsletter.bounce.ScanLine;
import dev.newsletter.config.Config;
import dev.newsletter.config.InboxSettings;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The daemon's poll of the return mailbox ({@code inbox:}), free of Quartz: each poll is {@code
 * ./newsletter inbox scan --apply} on the configured IMAP folder, and logs one line per change it
 * applies (a suppression, an unsubscribe, a counted soft bounce). A poll that fails (the server cannot
 * be reached, refuses the login, a file cannot be written) logs one line and says so; the next poll
 * tries again, and the messages it did not finish are still in the folder.
 */
public final class InboxPoll {
    private final Config config;
    private final InboxSettings inbox;
    private final Map<String, String> env;
    private final Clock clock;
    private final DaemonLog log;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private InboxPoll(Config config, InboxSettings inbox, Map<String, String> env, Clock clock, DaemonLog log) {
        this.config = config;
        this.inbox = inbox;
        this.env = env;
        this.clock = clock;
        this.log = log;
    }

    /** The poll of the configured mailbox; empty when the config has no {@code inbox:} section. */
    public static Optional<InboxPoll> of(Config config, Map<String, String> env, Clock clock, DaemonLog log) {
        return config.inbox().map(inbox -> new InboxPoll(config, inbox, env, clock, log));
    }

    /** How often to poll ({@code inbox.interval}). */
    public Duration interval() {
        return inbox.interval();
    }

    /** What the daemon says about the poll when it starts. */
    public String describe() {
        String line = "inbox: polling " + inbox.folder() + " at " + inbox.describe() + " every "
                + Durations.human(inbox.interval()) + "; processed messages go to " + inbox.doneFolder();
        return InboxScans.tokens(config, env).isPresent()
                ? line
                : line + " (mailed unsubscribes cannot be checked without "
                        + config.unsubscribe().secretEnv() + ")";
    }

    /**
     * Polls once: applies every message of the folder and moves it to the done folder.
     *
     * @return whether the poll read the whole folder and applied every message
     */
    public boolean poll() {
        try {
            InboxScan scan = InboxScans.scan(config, InboxScans.tokens(config, env), env);
            InboxScan.Summary summary = scan.apply(
                    InboxScans.mailbox(config, env, clock, true, stopping::get),
                    InboxScans.applying(config, clock),
                    this::logChange,
                    problem -> log.warn("inbox: cannot read " + problem + "; it stays in " + inbox.folder()));
            return summary.unreadable() == 0 && summary.failed() == 0;
        } catch (MailboxUnavailableException e) {
            log.warn("inbox poll failed: " + e.getMessage() + "; trying again in " + Durations.human(interval()));
        } catch (InvalidInputException e) {
            log.warn("inbox poll failed: "
                    + e.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
        } catch (RuntimeException e) {
            log.warn("inbox poll failed: " + e);
        }
        return false;
    }

    /**
     * The daemon is stopping: a running poll finishes the message it is at (its change, its record, its
     * move) and leaves the rest in the folder for the next poll; no new poll reads anything.
     */
    public void stop() {
        stopping.set(true);
    }

    /** One line per change applied; a line whose change failed is a warning (it is tried again next poll). */
    private void logChange(ScanLine line) {
        String result = line.result() == null ? "" : line.result();
        if (result.startsWith("failed")) {
            log.warn(oneLine("inbox " + line.source() + ": " + what(line) + ": " + result));
        } else if (!line.action().equals("none")) {
            log.info(oneLine("inbox " + line.source() + ": " + what(line) + " -> " + line.action() + ": " + result));
        }
    }

    /** What came in a message (an address, a status) never starts a line of its own in the log. */
    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }

    private static String what(ScanLine line) {
        StringBuilder text = new StringBuilder(line.kind().label());
        text.append(' ').append(line.recipient() == null ? "(no recipient)" : line.recipient());
        if (line.status() != null) {
            text.append(' ').append(line.status());
        }
        if (line.issue() != null || line.list() != null) {
            text.append(" (")
                    .append(line.issue() == null ? "" : line.issue() + "/")
                    .append(line.list() == null ? "?" : line.list())
                    .append(')');
        }
        return text.toString();
    }
}
