package dev.newsletter.subscriber;

import dev.newsletter.address.AddressWarnings;
import dev.newsletter.address.EmailAddress;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Checks a list as it is on disk and reports by line, in one streaming pass. Errors are what makes
 * every command refuse the file (bad syntax, bad address, unknown status, bad date, duplicates);
 * warnings are what is legal but probably wrong (a typo of a big mail domain, a role address, an
 * active subscriber who is suppressed, a date in the future, mixed line endings). Addresses match as
 * everywhere else ({@link EmailAddress#key()}): one differing from another only in case is a duplicate.
 */
public final class ListLint {
    private final Path list;
    private final Path suppressionFile;
    private final boolean allowUtf8LocalPart;
    private final Clock clock;

    private ListLint(Path list, Path suppressionFile, boolean allowUtf8LocalPart, Clock clock) {
        this.list = list;
        this.suppressionFile = suppressionFile;
        this.allowUtf8LocalPart = allowUtf8LocalPart;
        this.clock = clock;
    }

    public static ListLint of(Path list, Path suppressionFile, boolean allowUtf8LocalPart, Clock clock) {
        return new ListLint(list, suppressionFile, allowUtf8LocalPart, clock);
    }

    public enum Severity {
        ERROR,
        WARNING;

        public String label() {
            return this == ERROR ? "error" : "warning";
        }
    }

    public record Finding(Severity severity, Problem problem) {}

    public record Summary(long rows, long errors, long warnings) {}

    /** Reads the list, passing each finding to {@code findings} in line order. */
    public Summary run(Consumer<Finding> findings) {
        Tally tally = new Tally(findings);
        SuppressionList suppressed = SuppressionList.empty();
        try {
            suppressed = SuppressionList.load(suppressionFile);
        } catch (InvalidInputException e) {
            e.problems().forEach(tally::error);
        }
        try (ListReader reader = ListReader.open(list, allowUtf8LocalPart)) {
            check(reader, suppressed, tally);
        } catch (InvalidInputException e) {
            e.problems().forEach(tally::error);
        }
        return new Summary(tally.rows, tally.errors, tally.warnings);
    }

    private void check(ListReader reader, SuppressionList suppressed, Tally tally) {
        AddressIndex seen = new AddressIndex();
        AddressWarnings warnings = new AddressWarnings();
        Instant now = clock.instant();
        byte[] lineEnding = reader.header().record().lineEnding();
        long mixedEndings = 0;
        ListReader.Row row;
        while ((row = reader.next()) != null) {
            if (row.isBlank()) {
                continue;
            }
            tally.rows++;
            row.problems().forEach(tally::error);
            if (row.record() != null
                    && !row.record().endsWith(lineEnding)
                    && row.record().lineEnding().length > 0
                    && mixedEndings++ == 0) {
                tally.warning(Problem.atLine(
                        list,
                        row.line(),
                        "this line ends with " + describe(row.record().lineEnding()) + ", the header with "
                                + describe(lineEnding) + " (mixed line endings make every diff noisy)"));
            }
            Subscriber subscriber = row.subscriber();
            if (subscriber == null) {
                continue;
            }
            EmailAddress email = subscriber.email();
            AddressIndex.Key key = AddressIndex.Key.of(email);
            int earlier = seen.putIfAbsent(key, (int) subscriber.line());
            if (earlier >= 0) {
                tally.error(SubscriberFile.duplicate(list, subscriber, earlier));
                continue;
            }
            for (String warning : warnings.about(email)) {
                tally.warning(at(subscriber, warning));
            }
            long suppressedOn = suppressed.lineOf(key);
            if (suppressedOn >= 0 && subscriber.status() == Status.ACTIVE) {
                tally.warning(at(
                        subscriber,
                        email + " is active here but on the suppression list (line " + suppressedOn
                                + "), which wins: it is not sent to"));
            }
            Timestamps.parse(subscriber.subscribedAt())
                    .filter(at -> at.isAfter(now))
                    .ifPresent(at -> tally.warning(
                            at(subscriber, "subscribed_at " + subscriber.subscribedAt() + " is in the future")));
        }
        if (mixedEndings > 1) {
            tally.warning(Problem.inFile(list, mixedEndings + " lines end differently from the header"));
        }
    }

    private Problem at(Subscriber subscriber, String message) {
        return Problem.atLine(list, subscriber.line(), message);
    }

    private static String describe(byte[] lineEnding) {
        return lineEnding.length == 2
                ? "CRLF"
                : lineEnding.length == 0 ? "nothing" : lineEnding[0] == '\n' ? "LF" : "CR";
    }

    private static final class Tally {
        private final Consumer<Finding> findings;
        long rows;
        long errors;
        long warnings;

        Tally(Consumer<Finding> findings) {
            this.findings = findings;
        }

        void error(Problem problem) {
            errors++;
            findings.accept(new Finding(Severity.ERROR, problem));
        }

        void warning(Problem problem) {
            warnings++;
            findings.accept(new Finding(Severity.WARNING, problem));
        }
    }
}
