package dev.newsletter.journal;

import dev.newsletter.input.IoTrouble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One list send of an issue at a time, whichever the list: a send skips whoever another list's
 * journal of the issue has, which it reads when it starts, so two sends of one issue to two lists
 * at once would both mail an address on both. Held, around the list's own journal, for a send to a
 * list (not for a test send); a {@link SendLock} on {@code _lists} in the issue's journal folder (no
 * list is named so: list names start with a letter or digit).
 */
public final class IssueSendLock implements AutoCloseable {
    private final SendLock lock;

    private IssueSendLock(SendLock lock) {
        this.lock = lock;
    }

    /**
     * Takes the lock of the issue whose journals are in {@code folder}.
     *
     * @throws JournalLockedException when another process or thread sends the issue to one of its lists
     */
    public static IssueSendLock acquire(Path folder, Path projectLockFile) {
        Path name = folder.resolve("_lists");
        try {
            Files.createDirectories(folder);
            return new IssueSendLock(SendLock.acquire(name, Optional.of(projectLockFile)));
        } catch (JournalLockedException e) {
            throw JournalLockedException.ofIssue(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(IoTrouble.line("cannot lock the journals in " + folder, e), e);
        }
    }

    @Override
    public void close() {
        lock.close();
    }
}
