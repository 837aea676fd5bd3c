package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsletter run --http-only} as a real process: serves the endpoint, fires nothing, stops on SIGTERM with 0. */
class RunHttpOnlyIT {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Pattern LISTENING = Pattern.compile("endpoint listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void servesTheUnsubscribeEndpointWithoutSchedulesAndStopsGracefully() throws Exception {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.write("config/newsletter.yaml", sample.read("config/newsletter.yaml") + "\nhttp:\n  port: 0\n");
        Path log = dir.resolve("run.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.newsletter.cli.Main",
                        "run",
                        "--http-only",
                        "--config",
                        sample.config().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("NEWSLETTER_UNSUBSCRIBE_SECRET", SECRET);
        Process process = builder.start();
        try {
            int port = awaitPort(log, process);

            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/unsubscribe?t=x.y"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(403);
        } finally {
            process.destroy();
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(log)).doesNotContain("scheduler started");
        assertThat(dir.resolve("var/scheduler")).doesNotExist();
    }

    @Test
    void httpOnlyWithoutAnHttpPortGivesOneLineNamingTheConfigAndExit2() throws Exception {
        SampleProject sample = SampleProject.copyTo(dir);

        SampleProject.Run run = runHttpOnly(sample);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --http-only needs http.port in " + sample.config() + "\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aPortInUseGivesOneClearLineAndExit2() throws Exception {
        SampleProject sample = SampleProject.copyTo(dir);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            sample.write(
                    "config/newsletter.yaml",
                    sample.read("config/newsletter.yaml") + "\nhttp:\n  port: " + port + "\n");

            SampleProject.Run run = runHttpOnly(sample);

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().lines())
                    .singleElement()
                    .asString()
                    .startsWith("error: cannot listen on 127.0.0.1:" + port + ": the port is in use")
                    .contains("http.port")
                    .contains(sample.config().toString());
            assertThat(run.out()).doesNotContain("listening");
        }
    }

    @Test
    void anAddressThatIsNotThisHostsGivesOneLineNamingHttpBindAndExit2() throws Exception {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.write(
                "config/newsletter.yaml",
                sample.read("config/newsletter.yaml") + "\nhttp:\n  port: 0\n  bind: 192.0.2.1\n");

        SampleProject.Run run = runHttpOnly(sample);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .startsWith("error: cannot listen on 192.0.2.1:0: it is not an address of this host")
                .contains("http.bind")
                .doesNotContain("stop it")
                .contains(sample.config().toString());
    }

    private static SampleProject.Run runHttpOnly(SampleProject sample) {
        return sample.run(Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", SECRET), "run", "--http-only");
    }

    private static int awaitPort(Path log, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = LISTENING.matcher(output);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("run --http-only exited: " + output);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the endpoint did not start: " + Files.readString(log));
    }
}
