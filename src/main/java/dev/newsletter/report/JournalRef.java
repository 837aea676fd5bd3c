package dev.newsletter.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One issue's journal for one list: {@code <journals>/<issue>/<list>.jsonl}. Test sends' journals
 * ({@code _test.jsonl}) are not sends to a list and are left out.
 */
record JournalRef(String issue, String list, Path path) {
    String key() {
        return ReturnPath.journalKey(issue, list);
    }

    /** Every list journal under {@code journals}, by issue and list name; none when the folder does not exist. */
    static List<JournalRef> under(Path journals) {
        List<JournalRef> refs = new ArrayList<>();
        if (!Files.isDirectory(journals)) {
            return refs;
        }
        try (Stream<Path> issues = Files.list(journals)) {
            for (Path issue : issues.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(issue)) {
                    files.filter(Files::isRegularFile)
                            .map(file -> file.getFileName().toString())
                            .filter(name -> name.endsWith(".jsonl") && !name.startsWith("_") && !name.startsWith("."))
                            .forEach(name -> refs.add(new JournalRef(
                                    issue.getFileName().toString(),
                                    name.substring(0, name.length() - ".jsonl".length()),
                                    issue.resolve(name))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the journals in " + journals + ": " + e.getMessage(), e);
        }
        refs.sort(Comparator.comparing(JournalRef::issue).thenComparing(JournalRef::list));
        return refs;
    }
}
