package dev.newsletter.report;

import dev.newsletter.journal.DeliveryReport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One issue's send to one list in numbers: what the journal says and what came back. Rates are
 * shares: bounces (hard and soft, each address once) of the recipients sent to; complaints and
 * unsubscribes of the recipients accepted.
 *
 * @param date the day the first run started (UTC); null when the journal has no run
 */
public record IssueSummary(
        String issue,
        String list,
        LocalDate date,
        long sent,
        long accepted,
        long hardBounces,
        long softBounces,
        long bounces,
        long complaints,
        long unsubscribes) {

    static IssueSummary of(String issue, String list, DeliveryReport report, Reactions reactions) {
        Instant start = report.runs().isEmpty() ? null : report.runs().get(0).start();
        return new IssueSummary(
                issue,
                list,
                start == null ? null : LocalDate.ofInstant(start, ZoneOffset.UTC),
                report.recipients(),
                report.count("accepted"),
                reactions.count(Reaction.Kind.HARD_BOUNCE),
                reactions.count(Reaction.Kind.SOFT_BOUNCE),
                reactions.bounces(),
                reactions.count(Reaction.Kind.COMPLAINT),
                reactions.count(Reaction.Kind.UNSUBSCRIBE));
    }

    public double bounceRate() {
        return sent == 0 ? 0 : (double) bounces / sent;
    }

    public double complaintRate() {
        return accepted == 0 ? 0 : (double) complaints / accepted;
    }

    public double unsubscribeRate() {
        return accepted == 0 ? 0 : (double) unsubscribes / accepted;
    }

    public boolean bouncesOverLimit() {
        return bounceRate() > ProviderLimits.BOUNCES;
    }

    public boolean complaintsOverLimit() {
        return complaintRate() > ProviderLimits.COMPLAINTS;
    }

    /** The limits this send passed, as words ({@code bounces > 2%}, …); empty when none. */
    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        if (bouncesOverLimit()) {
            flags.add("bounces > 2%");
        }
        if (complaintsOverLimit()) {
            flags.add("complaints > 0.3%");
        }
        return flags;
    }
}
