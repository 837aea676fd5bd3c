package dev.newsletter.app;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.subscriber.Segment;
import dev.newsletter.subscriber.Subscriber;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who an issue is for: one list or several merged ({@code --list A,B}: each address once, the row
 * of the first list that has it wins, whatever its status), narrowed to a {@link Segment} ({@code
 * --tag}, {@code --where}). The one place sends, dry runs, checks, renders and scheduled firings
 * take their recipients' selection from.
 *
 * <p>A merged send is journaled per list: a recipient is recorded in the journal of the list its
 * row came from (whose unsubscribe link and Message-ID the message carries), so a later send to
 * that whole list skips them; and every list send skips whoever another list's journal of the issue
 * has as done ({@link OtherListsJournal}), so neither a send to another of the lists nor the same
 * merge in another order sends twice.
 *
 * @param lists the list names as given (empty: the config's {@code newsletter.list})
 * @param segment which of their rows
 */
public record Audience(List<String> lists, Segment segment) {
    public Audience {
        lists = List.copyOf(lists);
    }

    /** The whole of one list ({@code null}: the config's default list). */
    public static Audience of(String list) {
        return new Audience(list == null ? List.of() : List.of(list), Segment.everyone());
    }

    /**
     * The audience of a {@code --list} option, which may name several lists separated by commas.
     *
     * @param listOption {@code A} or {@code A,B} (null: the default list)
     */
    public static Audience of(String listOption, Segment segment) {
        List<String> lists = new ArrayList<>();
        if (listOption != null) {
            for (String name : listOption.split(",", -1)) {
                lists.add(name.strip());
            }
        }
        return new Audience(lists, segment);
    }

    /** Whether this is one whole list: what every send was before segments. */
    public boolean isWholeList() {
        return lists.size() <= 1 && segment.isEveryone();
    }

    /** The first list's name as given (null: the default list), for what works on one list. */
    public String firstList() {
        return lists.isEmpty() ? null : lists.get(0);
    }

    /**
     * The list names, each checked ({@link Project#list}), the default list when none is given.
     *
     * @throws InvalidInputException for a name that is not a list name or a list named twice
     */
    public List<String> resolve(Project project) {
        if (lists.isEmpty()) {
            return List.of(project.list(null));
        }
        Set<String> names = new LinkedHashSet<>();
        for (String list : lists) {
            String name = project.list(list);
            if (!names.add(name)) {
                throw InvalidInputException.of(
                        Problem.inFile(project.config().file(), "--list names the list '" + name + "' twice"));
            }
        }
        return List.copyOf(names);
    }

    /** "pdl-packet", "pdl-packet tagged alumni", "pdl-packet + alumni (merged) where role=student". */
    public String describe(Project project) {
        List<String> names = resolve(project);
        String lists = names.size() == 1 ? names.get(0) : String.join(" + ", names) + " (merged)";
        return segment.isEveryone() ? lists : lists + " " + segment.describe();
    }

    /**
     * What each list gives, "12 of 340 active subscribers of pdl-packet tagged alumni (0 more
     * suppressed)", a line per list; reads the lists (and refuses an unknown {@code --where} field).
     */
    public List<String> sizes(Project project) {
        return AudienceRows.of(project, this).stream()
                .map(part -> AudienceRows.size(project, part, project.recipients(part.list(), part.selected())))
                .toList();
    }

    /** A subscriber of one of the lists. */
    public record Member(String list, Subscriber subscriber) {}

    /**
     * The audience's first recipient (active, unsuppressed, in the segment, in list order), to render
     * a preview for.
     */
    public Optional<Member> first(Project project) {
        for (AudienceRows.Part part : AudienceRows.of(project, this)) {
            Optional<Subscriber> first =
                    project.recipients(part.list(), part.selected()).first();
            if (first.isPresent()) {
                return Optional.of(new Member(part.list(), first.get()));
            }
        }
        return Optional.empty();
    }

    /** The row of {@code email} in the first of the lists that has it (in the segment or not). */
    public Optional<Member> find(Project project, EmailAddress email) {
        for (String list : resolve(project)) {
            Optional<Subscriber> found = project.subscriber(list, email);
            if (found.isPresent()) {
                return Optional.of(new Member(list, found.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code email} is among the rows the audience selects (whatever their status), for
     * reports on a segment: a predicate over the journal's addresses, holding the selected rows'
     * keys.
     */
    public java.util.function.Predicate<String> selects(Project project, String list) {
        for (AudienceRows.Part part : AudienceRows.of(project, this)) {
            if (part.list().equals(list)) {
                Set<String> keys = new java.util.HashSet<>();
                project.listFile(list).forEach(s -> {
                    if (part.selected().test(s)) {
                        keys.add(s.email().key());
                    }
                });
                return email -> keys.contains(EmailAddress.keyOf(email));
            }
        }
        return email -> false;
    }
}
