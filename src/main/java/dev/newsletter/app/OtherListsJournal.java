package dev.newsletter.app;

import dev.newsletter.config.ConfigLoader;
import dev.newsletter.journal.JournalState;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A list's journal that also counts as done whoever another list's journal of the same issue has as
 * done (accepted or rejected), and as in doubt whoever another has as in doubt: the lists of a project
 * are parts of one newsletter, so an issue that
 * reached an address through one list (a merged send records each recipient under the list its row
 * came from) is not sent to it again through another. The other journals are read once, when the
 * send starts; lines are written to the list's own journal only.
 */
final class OtherListsJournal implements Journal {
    private final Journal own;
    private final List<JournalState> others;

    private OtherListsJournal(Journal own, List<JournalState> others) {
        this.own = own;
        this.others = others;
    }

    /**
     * {@code own}, the journal of {@code list}, aware of the other lists' journals beside it
     * (never the test sends' {@code _test.jsonl}).
     */
    static Journal around(Journal own, Path ownFile, String list) {
        List<JournalState> others = others(ownFile, list);
        return others.isEmpty() ? own : new OtherListsJournal(own, others);
    }

    /**
     * Whether a send to {@code list} now would skip {@code email} as done: its journal at {@code
     * ownFile} or another list's journal of the issue has it as accepted or rejected. Reads them once.
     */
    static java.util.function.Predicate<String> done(Path ownFile, String list) {
        JournalState own = JournalState.read(ownFile);
        List<JournalState> others = others(ownFile, list);
        return email -> own.isDone(email) || others.stream().anyMatch(other -> other.isDone(email));
    }

    /** The journals of the other lists beside {@code ownFile} (never the test sends' {@code _test.jsonl}). */
    private static List<JournalState> others(Path ownFile, String list) {
        Path folder = ownFile.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(".jsonl")
                                && !name.equals(list + ".jsonl")
                                && ConfigLoader.LIST_NAME
                                        .matcher(name.substring(0, name.length() - ".jsonl".length()))
                                        .matches();
                    })
                    .sorted()
                    .map(JournalState::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the journals in " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isDone(String email) {
        return own.isDone(email) || others.stream().anyMatch(other -> other.isDone(email));
    }

    /**
     * In doubt on this list or on another: an attempt without a result anywhere may have reached
     * the address, so {@code --in-doubt skip} (at most once) skips it whichever list it was sent to.
     */
    @Override
    public boolean isInDoubt(String email) {
        return own.isInDoubt(email) || others.stream().anyMatch(other -> other.isInDoubt(email));
    }

    @Override
    public void attempt(String email, String messageId, int attempt) {
        own.attempt(email, messageId, attempt);
    }

    @Override
    public void result(String email, String messageId, int attempt, DeliveryResult result, long millis) {
        own.result(email, messageId, attempt, result, millis);
    }
}
