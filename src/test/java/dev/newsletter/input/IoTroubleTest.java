package dev.newsletter.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** What the user reads for each kind of I/O error: the file, what went wrong, what to do. */
class IoTroubleTest {

    @Test
    void aFullDiskSaysToFreeSpace() {
        String line = IoTrouble.line(
                "cannot write to the journal var/deliveries/x/list.jsonl", new IOException("No space left on device"));

        assertThat(line)
                .isEqualTo("cannot write to the journal var/deliveries/x/list.jsonl: the disk is full; free some space,"
                        + " then run the same command again");
    }

    @Test
    void permissionDeniedNamesTheFileOnce() {
        String line = IoTrouble.line("cannot open the journal var/x.jsonl", new AccessDeniedException("var/x.jsonl"));

        assertThat(line)
                .isEqualTo("cannot open the journal var/x.jsonl: permission denied; check its owner and permissions"
                        + " (ls -l) and those of its folder");
    }

    @Test
    void anImmutableOrAppendOnlyFileSaysHowToUndoIt() {
        String line = IoTrouble.explain(new FileSystemException("outbox/x.eml", null, "Operation not permitted"));

        assertThat(line).startsWith("outbox/x.eml: operation not permitted").contains("chattr -i");
    }

    @Test
    void aFolderWhereAFileBelongsSaysSo() {
        String line = IoTrouble.explain(new FileSystemException("subscribers/suppressed.csv", null, "Is a directory"));

        assertThat(line)
                .isEqualTo("subscribers/suppressed.csv: this is a folder, where a file was expected; move it away");
    }

    @Test
    void aPortInUseSaysWhatToDo() {
        String line = IoTrouble.line(new UncheckedIOException(
                "cannot listen on 127.0.0.1:8080", new java.net.BindException("Address already in use")));

        assertThat(line)
                .isEqualTo("cannot listen on 127.0.0.1:8080: the port is in use by another program (or another"
                        + " daemon); stop it, or choose another port");
    }

    @Test
    void anUncheckedErrorIsExplainedWithoutRepeatingItsCause() {
        IOException cause = new IOException("No space left on device");

        assertThat(IoTrouble.line(new UncheckedIOException("cannot write out.eml: No space left on device", cause)))
                .isEqualTo("cannot write out.eml: the disk is full; free some space, then run the same command again");
        String explained = IoTrouble.line("cannot write out.eml", cause);
        assertThat(IoTrouble.line(new UncheckedIOException(explained, cause))).isEqualTo(explained);
    }
}
