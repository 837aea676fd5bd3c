package dev.newsletter.check;

import dev.newsletter.address.Mailbox;
import dev.newsletter.app.ListCensus;
import dev.newsletter.app.Project;
import dev.newsletter.delivery.MessageHeaders;
import dev.newsletter.input.Problem;
import dev.newsletter.mailing.Letter;
import dev.newsletter.text.Plural;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code list-headers} check: the header fields of every recipient's message, not only the
 * one rendered for the other checks. Only the To field depends on the subscriber (the rest is built
 * and checked once, with the sample letter), so each recipient costs one header built from their
 * name and address, not a render. Fails when a name cannot go into a header at all; says how long
 * the longest header line is.
 */
final class RecipientHeaders {
    private static final int SHOWN = 10;

    private RecipientHeaders() {}

    static void check(Project project, String list, Letter sample, List<CheckResult> results) {
        ListCensus census = project.census(list);
        if (census.unreadable().isPresent()) {
            return; // the list check has failed already, with every bad line
        }
        MessageHeaders headers = new MessageHeaders();
        List<String> problems = new ArrayList<>();
        long[] counts = {0, 0}; // recipients, refused
        int[] longest = {0};
        project.recipients(list).recipients().forEach(subscriber -> {
            counts[0]++;
            try {
                Letter letter = new Letter(
                        sample.from(),
                        sample.replyTo(),
                        new Mailbox(subscriber.name(), subscriber.email()),
                        sample.content(),
                        sample.messageId(),
                        sample.date(),
                        sample.listId(),
                        sample.unsubscribeUrl(),
                        sample.unsubscribeMailto());
                for (MessageHeaders.Field field : headers.of(letter)) {
                    for (String line : field.line().split("\r\n")) {
                        longest[0] = Math.max(longest[0], line.length());
                    }
                }
            } catch (IllegalArgumentException e) {
                if (++counts[1] <= SHOWN) {
                    problems.add(
                            Problem.atLine(census.file(), subscriber.line(), subscriber.email() + ": " + e.getMessage())
                                    .toString());
                }
            }
        });
        if (counts[1] > SHOWN) {
            problems.add("and " + (counts[1] - SHOWN) + " more");
        }
        if (!problems.isEmpty()) {
            results.add(CheckResult.fail(
                            "list-headers",
                            counts[1] + " of " + Plural.count(counts[0], "recipient's message", "recipients' messages")
                                    + " cannot be built")
                    .with(problems));
        } else {
            results.add(CheckResult.pass(
                    "list-headers",
                    "headers built for " + (counts[0] == 1 ? "the 1 recipient" : "all " + counts[0] + " recipients")
                            + "; longest header line " + longest[0] + " characters"));
        }
    }
}
