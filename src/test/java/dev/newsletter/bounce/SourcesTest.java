package dev.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maildir, mbox and standard input hand over each message once, under the name the scan prints. */
class SourcesTest {
    @TempDir
    Path dir;

    private static List<String> read(MessageSource source) {
        List<String> seen = new ArrayList<>();
        source.forEach(
                (name, in) -> {
                    try {
                        seen.add(name + "=" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                (name, problem) -> seen.add(name + " unreadable"));
        return seen;
    }

    @Test
    void aMaildirGivesNewThenCurByFileNameWithoutTheFlagsSuffix() throws IOException {
        for (String folder : List.of("new", "cur", "tmp")) {
            Files.createDirectories(dir.resolve(folder));
        }
        Files.writeString(dir.resolve("new/1700000002.M2.host"), "b");
        Files.writeString(dir.resolve("new/1700000001.M1.host"), "a");
        Files.writeString(dir.resolve("cur/1700000000.M0.host:2,S"), "c");
        Files.writeString(dir.resolve("tmp/1700000003.M3.host"), "being delivered");
        Files.writeString(dir.resolve("cur/.hidden"), "ignored");

        assertThat(read(Maildir.open(dir)))
                .containsExactly("1700000001.M1.host=a", "1700000002.M2.host=b", "1700000000.M0.host=c");
    }

    @Test
    void aFolderThatIsNoMaildirIsRefused() {
        assertThatThrownBy(() -> Maildir.open(dir.resolve("missing")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such folder");
        assertThatThrownBy(() -> Maildir.open(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("neither new/ nor cur/");
    }

    @Test
    void anMboxIsSplitAtFromLinesAndUnquotesQuotedOnes() throws IOException {
        Path mbox = dir.resolve("bounces.mbox");
        Files.writeString(mbox, """
                From MAILER-DAEMON Mon Nov  4 09:00:01 2024
                Subject: one

                From the desk of the editor: a body line that is no separator
                >From quoted

                From MAILER-DAEMON Mon Nov  4 09:00:02 2024
                Subject: two

                body
                """);

        assertThat(read(Mbox.open(mbox)))
                .containsExactly(
                        "mbox:1=Subject: one\n\nFrom the desk of the editor: a body line that is no separator\nFrom quoted\n\n",
                        "mbox:2=Subject: two\n\nbody\n");
    }

    @Test
    void anUnreadableMboxIsRefused() {
        assertThatThrownBy(() -> Mbox.open(dir.resolve("nope.mbox"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Mbox.open(dir)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void standardInputIsOneMessageNamedStdin() {
        assertThat(read(new SingleMessage(new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)))))
                .containsExactly("stdin=x");
    }
}
