package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code preview} refuses to start, with one line and exit 2, when what it is asked to show cannot be found. */
class PreviewCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSubscriberNotOnTheListExits2() {
        SampleProject sample = SampleProject.copyTo(dir);

        SampleProject.Run run = sample.run("preview", sample.issue().toString(), "--subscriber", "nobody@example.org");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("error: " + sample.listFile() + ": nobody@example.org is not on this list\n")
                .doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMalformedSubscriberAddressExits2() {
        SampleProject sample = SampleProject.copyTo(dir);

        SampleProject.Run run = sample.run("preview", sample.issue().toString(), "--subscriber", "not an address");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --subscriber: ").doesNotContain("Exception");
    }

    @Test
    void aMissingIssueFileExits2() {
        SampleProject sample = SampleProject.copyTo(dir);

        SampleProject.Run run =
                sample.run("preview", dir.resolve("issues/nope.yaml").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + dir.resolve("issues/nope.yaml") + ": no such file");
    }

    @Test
    void aPortInUseExits2() throws Exception {
        SampleProject sample = SampleProject.copyTo(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SampleProject.Run run =
                    sample.run("preview", sample.issue().toString(), "--port", String.valueOf(taken.getLocalPort()));

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err())
                    .startsWith("error: --port: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .contains("in use")
                    .doesNotContain("Exception");
        }
    }
}
