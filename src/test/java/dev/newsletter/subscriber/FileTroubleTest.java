package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each I/O failure a user meets becomes one line that names the file and says what to do. */
class FileTroubleTest {
    private static final Path LIST = Path.of("subscribers/pdl-packet.csv");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "io | No space left on device | the disk is full; free some space and run the command again",
                "io | Disk quota exceeded | the disk is full; free some space",
                "fs | Operation not permitted | the system does not permit changing this file (is it immutable or"
                        + " append-only? 'lsattr subscribers/pdl-packet.csv' shows it",
                "fs | Read-only file system | the file system is read-only; mount it writable or move the file",
                "fs | Is a directory | this is a folder, not a file; move or rename the folder",
                "denied | Permission denied | permission denied on subscribers/.pdl-packet.csv.lock; check the"
                        + " permissions of the file and its folder"
            })
    void saysWhatWentWrongAndWhatToDo(String kind, String reason, String expected) {
        IOException e = switch (kind) {
            case "io" -> new IOException(reason);
            case "fs" -> new FileSystemException(LIST.toString(), null, reason);
            default -> new AccessDeniedException("subscribers/.pdl-packet.csv.lock", null, reason);
        };

        assertThat(FileTrouble.of(LIST, e).problems()).hasSize(1);
        assertThat(FileTrouble.of(LIST, e).problems().get(0).toString()).startsWith(LIST + ": " + expected);
    }
}
