package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsletter preview} as a real process: prints its loopback address, serves the page, stops on SIGTERM with 0. */
class PreviewCommandIT {
    private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]+/)$");

    @TempDir
    Path dir;

    @Test
    void printsItsLoopbackAddressServesThePageAndStopsOnSigterm() throws Exception {
        SampleProject sample = SampleProject.copyTo(dir);
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.newsletter.cli.Main",
                        "preview",
                        sample.issue().toString(),
                        "--config",
                        sample.config().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine(); // blocks until the server listens (or the process ends)
            assertThat(first).isNotNull();
            Matcher url = URL.matcher(first);
            assertThat(url.find()).as(first).isTrue();

            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url.group(1)))
                                    .timeout(Duration.ofMinutes(1))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Dear Ana Lima").contains("check (offline)");
        } finally {
            process.destroy();
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(dir.resolve("var")).doesNotExist();
        assertThat(dir.resolve("outbox")).doesNotExist();
    }
}
