package dev.newsletter.app;

import dev.newsletter.subscriber.Segment;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.text.Plural;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An {@link Audience} split into what each of its lists contributes: the list's rows in the
 * segment, less the addresses an earlier list of the merge has (in any spelling, whatever that
 * row's status: the first list's row wins). Each part is sent and journaled as its own list (whose
 * send also skips whoever another list's journal of the issue has: {@link OtherListsJournal}).
 */
final class AudienceRows {
    private AudienceRows() {}

    /**
     * One list's share.
     *
     * @param list the list
     * @param selected which of its rows
     * @param description for the send's note: "tagged alumni", "" for the whole list
     */
    record Part(String list, Predicate<Subscriber> selected, String description) {}

    /**
     * The parts, in the order of the lists; reads every list's header (a {@code --where} field a list
     * does not have is refused before anything is sent) and, for a merge, the earlier lists' rows.
     *
     * @throws dev.newsletter.input.InvalidInputException for a bad list name or an unknown field
     */
    static List<Part> of(Project project, Audience audience) {
        List<String> lists = audience.resolve(project);
        Segment segment = audience.segment();
        for (String list : lists) {
            segment.checkColumns(project.listFile(list));
        }
        if (lists.size() == 1) {
            return List.of(new Part(lists.get(0), segment::matches, segment.describe()));
        }
        List<Part> parts = new ArrayList<>();
        Set<String> earlier = new HashSet<>();
        for (String list : lists) {
            Set<String> onEarlierLists = Set.copyOf(earlier);
            Predicate<Subscriber> selected = s ->
                    segment.matches(s) && !onEarlierLists.contains(s.email().key());
            String description = segment.describe();
            if (!onEarlierLists.isEmpty()) {
                description = (description.isEmpty() ? "" : description + ", ") + "not on "
                        + String.join(" or ", lists.subList(0, lists.indexOf(list)));
            }
            parts.add(new Part(list, selected, description));
            project.listFile(list).forEach(s -> earlier.add(s.email().key()));
        }
        return List.copyOf(parts);
    }

    /**
     * "12 of 340 active subscribers of pdl-packet tagged alumni (3 more suppressed)": how many of the
     * list's recipients the part selects.
     */
    static String size(Project project, Part part, Project.CheckedRecipients recipients) {
        return String.format(
                "%d of %s of %s%s (%d more suppressed)",
                recipients.active(),
                Plural.count(project.census(part.list()).recipients(), "active subscriber", "active subscribers"),
                part.list(),
                part.description().isEmpty() ? "" : " " + part.description(),
                recipients.suppressed());
    }
}
