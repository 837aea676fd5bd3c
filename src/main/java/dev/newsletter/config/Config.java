package dev.newsletter.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The validated configuration of one project folder (the folder that holds {@code config/}). All
 * paths a command uses are resolved against {@link #projectDir()}.
 */
public record Config(
        Path projectDir,
        Path file,
        NewsletterSettings newsletter,
        SmtpSettings smtp,
        SendingSettings sending,
        Optional<DkimSettings> dkim,
        UnsubscribeSettings unsubscribe,
        Optional<HttpSettings> http,
        SchedulerSettings scheduler,
        List<ScheduleSettings> schedules,
        CheckSettings check,
        BounceSettings bounces,
        Optional<SignupSettings> signup,
        Optional<InboxSettings> inbox,
        ImageMode images) {

    /**
     * Whether an {@code inbox:} source is configured, so something reads what comes back (bounces,
     * complaints, mailed unsubscribes).
     */
    public boolean hasInbox() {
        return inbox.isPresent();
    }

    public Path subscribersDir() {
        return projectDir.resolve("subscribers");
    }

    public Path listFile(String list) {
        return subscribersDir().resolve(list + ".csv");
    }

    public Path suppressionFile() {
        return subscribersDir().resolve("suppressed.csv");
    }

    public Path templatesDir() {
        return projectDir.resolve("templates");
    }

    public Path varDir() {
        return projectDir.resolve("var");
    }

    /**
     * Where the delivery journals of sends in {@code mode} live, one folder per issue: {@code
     * var/deliveries} for a relay, {@code var/capture} for capture mode, so the first real send after
     * trying the program in capture mode skips no one.
     */
    public Path journalsDir(SmtpSettings.Mode mode) {
        return varDir().resolve(mode == SmtpSettings.Mode.CAPTURE ? "capture" : "deliveries");
    }

    /** What {@code inbox scan --apply} has processed: {@code var/inbox/processed.jsonl}. */
    public Path processedMessagesFile() {
        return varDir().resolve("inbox/processed.jsonl");
    }

    /** The soft bounces {@code inbox scan --apply} has seen: {@code var/bounces.jsonl}. */
    public Path softBouncesFile() {
        return varDir().resolve("bounces.jsonl");
    }

    public Path outboxDir() {
        return projectDir.resolve("outbox");
    }

    /** Resolves a path given on the command line or in the config against the project folder. */
    public Path resolve(Path path) {
        return path.isAbsolute() ? path : projectDir.resolve(path);
    }
}
