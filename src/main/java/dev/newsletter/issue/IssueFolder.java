package dev.newsletter.issue;

import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The folder that holds an issue file, and the files the issue names in it (pictures, attachments):
 * a name is a relative path inside that folder, written with {@code /}. A path that leaves the
 * folder — with {@code ..}, from the root, through a drive or URL scheme, or through a symbolic
 * link pointing outside — is refused, so an issue file cannot mail or publish a file from elsewhere
 * on the machine.
 */
final class IssueFolder {
    private final Path folder;

    IssueFolder(Path issueFile) {
        this.folder = issueFile.toAbsolutePath().normalize().getParent();
    }

    /** A file the issue names: where it is, and its path relative to the issue's folder (with {@code /}). */
    record Named(Path file, String path) {}

    /**
     * The file {@code name} names, or empty after adding a problem made by {@code at}.
     *
     * @param what what the file is, for the messages ({@code image}, {@code attachment})
     */
    Optional<Named> file(String name, String what, Function<String, Problem> at, Problems problems) {
        String path = name.strip().replace('\\', '/');
        Path file = folder.resolve(path).normalize();
        if (path.isEmpty()
                || path.startsWith("/")
                || path.contains(":")
                || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || !file.startsWith(folder)
                || file.equals(folder)) {
            problems.add(at.apply(what + " '" + name.strip() + "' must be a file in the issue's folder (" + folder
                    + "), named by a relative path without '..'"));
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            problems.add(at.apply(what + " file not found: " + file));
            return Optional.empty();
        }
        try {
            if (!file.toRealPath().startsWith(folder.toRealPath())) {
                problems.add(at.apply(what + " '" + path + "' is a link to a file outside the issue's folder (" + folder
                        + "); copy the file in instead"));
                return Optional.empty();
            }
        } catch (IOException e) {
            problems.add(at.apply(what + " '" + path + "' cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
        return Optional.of(new Named(file, folder.relativize(file).toString().replace('\\', '/')));
    }
}
