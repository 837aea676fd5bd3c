package dev.newsletter.app;

import dev.newsletter.address.Mailbox;
import dev.newsletter.delivery.MessageHeaders;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.subscriber.SubscriberFile;
import dev.newsletter.subscriber.SuppressionList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One full read of a subscriber list, as the pre-send check and the send both need it: rows by
 * status, how many active subscribers the suppression list holds back, the first recipient, why the
 * file cannot be read (every bad line), names that could not go into a header, and each recipient's
 * To field built as the send builds it ({@link ToFields}), in the same pass: the pre-send check needs
 * no pass of its own for it.
 *
 * @param unreadable the file's problems, when it cannot be read (then the counts are partial)
 * @param unsafeNames rows whose name holds a control character (a header injection attempt)
 * @param toFields the recipients' To fields
 */
public record ListCensus(
        Path file,
        Map<Status, Long> byStatus,
        long suppressed,
        Optional<Subscriber> first,
        Optional<InvalidInputException> unreadable,
        List<Problem> unsafeNames,
        ToFields toFields) {

    /**
     * The To fields of the recipients' messages ({@link MessageHeaders#to}), the one header field
     * that differs between them.
     *
     * @param refused how many recipients' To field cannot be built (the name or address cannot go into a header)
     * @param firstRefused the first {@link ToFields#SHOWN} of them, with file, line, address and why, in file order
     * @param longestLine the longest line of the fields built (0 when none is)
     */
    public record ToFields(long refused, List<Problem> firstRefused, int longestLine) {
        public static final int SHOWN = 10;

        public ToFields {
            firstRefused = List.copyOf(firstRefused);
        }

        static final ToFields NONE = new ToFields(0, List.of(), 0);
    }

    /** Builds the To field of each recipient's message, keeping the longest line and the first refusals. */
    static final class ToFieldTally {
        private final Path file;
        private final List<Problem> firstRefused = new ArrayList<>();
        private long refused;
        private int longestLine;

        ToFieldTally(Path file) {
            this.file = file;
        }

        void add(Subscriber recipient) {
            try {
                MessageHeaders.Field to = MessageHeaders.to(new Mailbox(recipient.name(), recipient.email()));
                longestLine = Math.max(longestLine, to.longestLine());
            } catch (IllegalArgumentException e) {
                if (++refused <= ToFields.SHOWN) {
                    firstRefused.add(Problem.atLine(file, recipient.line(), recipient.email() + ": " + e.getMessage()));
                }
            }
        }

        ToFields result() {
            return new ToFields(refused, firstRefused, longestLine);
        }
    }

    /** Reads the list once. */
    static ListCensus of(SubscriberFile file, SuppressionList suppression) {
        Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        long[] suppressed = {0};
        Subscriber[] first = {null};
        ToFieldTally toFields = new ToFieldTally(file.path());
        List<Problem> unsafeNames = new ArrayList<>();
        Optional<InvalidInputException> unreadable = Optional.empty();
        try {
            file.forEach(suppression, (s, held) -> {
                byStatus.merge(s.status(), 1L, Long::sum);
                if (s.status() == Status.ACTIVE) {
                    if (held) {
                        suppressed[0]++;
                    } else {
                        if (first[0] == null) {
                            first[0] = s;
                        }
                        toFields.add(s);
                    }
                }
                if (hasControlCharacter(s.name())) {
                    unsafeNames.add(Problem.atLine(
                            file.path(),
                            s.line(),
                            "the name of " + s.email() + " contains a control character; it cannot go into a header"));
                }
            });
        } catch (InvalidInputException e) {
            unreadable = Optional.of(e);
        }
        return new ListCensus(
                file.path(),
                byStatus,
                suppressed[0],
                Optional.ofNullable(first[0]),
                unreadable,
                List.copyOf(unsafeNames),
                toFields.result());
    }

    private static boolean hasControlCharacter(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** A list that cannot be read at all (e.g. its suppression file is broken). */
    static ListCensus unreadable(Path file, InvalidInputException why) {
        return new ListCensus(file, Map.of(), 0, Optional.empty(), Optional.of(why), List.of(), ToFields.NONE);
    }

    public long count(Status status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** Active subscribers the suppression list does not hold back: who a send goes to. */
    public long recipients() {
        return count(Status.ACTIVE) - suppressed;
    }
}
