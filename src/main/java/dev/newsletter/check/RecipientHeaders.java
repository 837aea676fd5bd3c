package dev.newsletter.check;

import dev.newsletter.app.ListCensus;
import dev.newsletter.app.Project;
import dev.newsletter.delivery.MessageHeaders;
import dev.newsletter.mailing.Letter;
import dev.newsletter.text.Plural;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code list-headers} check: the header fields of every recipient's message, not only the
 * one rendered for the other checks. Only the To field depends on the subscriber: the list's census
 * builds it for every recipient in its one pass over the list ({@link ListCensus.ToFields}, with the
 * same {@link MessageHeaders#to} the send uses), and the other fields are built once here, from the
 * sample letter. So each recipient costs one header built from their name and address, not a
 * render and not another read of the list. Fails when a name cannot go into a header at all; says
 * how long the longest header line is.
 */
final class RecipientHeaders {
    private RecipientHeaders() {}

    static void check(Project project, String list, Letter sample, List<CheckResult> results) {
        ListCensus census = project.census(list);
        if (census.unreadable().isPresent()) {
            return; // the list check has failed already, with every bad line
        }
        check(census, sample, results);
    }

    /** The check on a census already taken. */
    static void check(ListCensus census, Letter sample, List<CheckResult> results) {
        long recipients = census.recipients();
        ListCensus.ToFields to = census.toFields();
        if (to.refused() > 0) {
            List<String> problems = new ArrayList<>();
            to.firstRefused().forEach(problem -> problems.add(problem.toString()));
            if (to.refused() > ListCensus.ToFields.SHOWN) {
                problems.add("and " + (to.refused() - ListCensus.ToFields.SHOWN) + " more");
            }
            results.add(CheckResult.fail(
                            "list-headers",
                            to.refused() + " of "
                                    + Plural.count(recipients, "recipient's message", "recipients' messages")
                                    + " cannot be built")
                    .with(problems));
            return;
        }
        int longest = 0;
        if (recipients > 0) {
            // the sample's fields were built for the headers check: these cannot be refused here
            longest = to.longestLine();
            for (MessageHeaders.Field field : new MessageHeaders().of(sample)) {
                if (!field.name().equals(MessageHeaders.TO)) {
                    longest = Math.max(longest, field.longestLine());
                }
            }
        }
        results.add(CheckResult.pass(
                "list-headers",
                "headers built for " + (recipients == 1 ? "the 1 recipient" : "all " + recipients + " recipients")
                        + "; longest header line " + longest + " characters"));
    }
}
