package dev.newsletter.bounce;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.subscriber.Status;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code inbox scan --apply} does with each message: a hard bounce marks the address bounced
 * and suppresses it ({@code hard-bounce}); a complaint marks it complained and suppresses it ({@code
 * complaint}); a mailed unsubscribe unsubscribes as the one-click endpoint does; a soft bounce is
 * recorded and, at {@code bounces.softLimit} issues within {@code bounces.softWindow}, suppresses
 * ({@code soft-bounces}); an auto-reply or anything else changes nothing, and so does a bounce for an
 * address on no list. Each message is then recorded as processed and never applied again.
 */
public final class InboxApply {
    private final ListChanges lists;
    private final ProcessedMessages processed;
    private final SoftBounces softBounces;
    private final Clock clock;
    private final CrashPoint crashPoint = CrashPoint.fromSystemProperty();

    public InboxApply(ListChanges lists, ProcessedMessages processed, SoftBounces softBounces, Clock clock) {
        this.lists = lists;
        this.processed = processed;
        this.softBounces = softBounces;
        this.clock = clock;
    }

    /** What was done for one message: its lines, and whether a line failed (then it is not recorded). */
    record Applied(List<ScanLine> lines, boolean alreadyProcessed, boolean failed) {}

    /** Applies the lines of the message known as {@code key} (its Message-ID or a hash of its bytes). */
    Applied apply(String key, String source, List<ScanLine> lines) {
        if (processed.contains(key)) {
            return new Applied(
                    lines.stream()
                            .map(line -> line.done("none", "already processed"))
                            .toList(),
                    true,
                    false);
        }
        Instant now = clock.instant();
        List<ScanLine> done = new ArrayList<>(lines.size());
        boolean failed = false;
        for (ScanLine line : lines) {
            try {
                done.add(apply(key, line, now));
            } catch (InvalidInputException | UncheckedIOException e) {
                failed = true;
                done.add(line.done("none", "failed: " + firstLine(e.getMessage())));
            }
        }
        if (!failed) {
            // Recorded AFTER the list changes, on purpose: every change is idempotent (marking or
            // suppressing an address a second time changes nothing; soft bounces count distinct issues),
            // so a crash between the change and this record only re-applies harmlessly on the next run,
            // while recording first could lose a change. A message with a failed line is not recorded,
            // so the next run tries it again.
            try {
                processed.record(key, source, now, done);
                crashPoint.passed();
            } catch (UncheckedIOException e) {
                // the changes stand (and are harmless to repeat); the message is tried again next time
                String why = "; not recorded as processed: " + firstLine(e.getMessage());
                return new Applied(
                        done.stream()
                                .map(line -> line.done(line.action(), line.result() + why))
                                .toList(),
                        false,
                        true);
            }
        }
        return new Applied(done, false, failed);
    }

    private ScanLine apply(String key, ScanLine line, Instant now) {
        if (line.action().equals("none")) {
            // the scan decided: nothing to do, or not our evidence (InboxScan's evidence rule)
            return line.done("none", line.result() != null ? line.result() : "nothing to do");
        }
        String recipient = line.recipient();
        return switch (line.kind()) {
            case HARD_BOUNCE ->
                recipient == null
                        ? line.done("none", "names no recipient")
                        : withdrawn(line, lists.withdraw(recipient, Status.BOUNCED, "hard-bounce"));
            case COMPLAINT ->
                recipient == null
                        ? line.done("none", "names no recipient")
                        : withdrawn(line, lists.withdraw(recipient, Status.COMPLAINED, "complaint"));
            case UNSUBSCRIBE ->
                recipient == null || line.list() == null
                        ? line.done("none", "names no recipient or list")
                        : unsubscribed(line, lists.unsubscribe(line.list(), recipient));
            case SOFT_BOUNCE -> recipient == null ? line.done("none", "names no recipient") : counted(key, line, now);
            case AUTO_REPLY, OTHER -> line.done("none", "nothing to do");
        };
    }

    private ScanLine withdrawn(ScanLine line, ListChanges.Done done) {
        crashPoint.passed();
        return line.done(done.onAList() ? "suppress" : "none", done.description());
    }

    private ScanLine unsubscribed(ScanLine line, ListChanges.Done done) {
        crashPoint.passed();
        return line.done("unsubscribe", done.description());
    }

    private ScanLine counted(String message, ScanLine line, Instant now) {
        String key = key(line.recipient());
        softBounces.record(key, message, line, now);
        crashPoint.passed();
        int issues = softBounces.issues(key, now);
        if (issues < softBounces.limit()) {
            return line.done("count", "soft bounce recorded (" + issues + " of " + softBounces.limit() + " issues)");
        }
        ListChanges.Done done = lists.suppress(line.recipient(), "soft-bounces");
        crashPoint.passed();
        if (!done.onAList()) {
            return line.done("count", "soft bounce recorded; " + done.description());
        }
        return line.done("suppress", "soft bounces from " + issues + " issues; " + done.description());
    }

    /** The address's key ({@link EmailAddress#key()}): the same person in any spelling. */
    private static String key(String address) {
        try {
            return EmailAddress.parse(address, true).key();
        } catch (InvalidAddressException e) {
            return address;
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
