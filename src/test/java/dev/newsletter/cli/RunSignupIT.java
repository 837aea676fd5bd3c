package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.schedule.Await;
import dev.newsletter.testing.SampleProject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when", as a user would try it: {@code ./newsletter run --http-only} in capture
 * mode with {@code http.port} and {@code signup:} set; a form POST adds a pending row and a
 * confirmation {@code .eml} in {@code outbox/signup/}; a GET of its link changes nothing; the POST
 * confirms; a multipart one-click POST unsubscribes.
 */
class RunSignupIT {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Pattern LISTENING = Pattern.compile("endpoint listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern LINK =
            Pattern.compile("https://pdl\\.example\\.org/newsletter(/confirm\\?t=[A-Za-z0-9_.%-]+)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void signupConfirmAndMultipartOneClickWithRunHttpOnly() throws Exception {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.append("config/newsletter.yaml", "\nhttp:\n  port: 0\nsignup:\n  lists: [pdl-packet]\n");
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
            String base = "http://127.0.0.1:" + awaitPort(log, process);

            HttpResponse<String> signup = post(
                    base + "/newsletter/subscribe",
                    "application/x-www-form-urlencoded",
                    "email=curl.user%40example.org&name=Curl+User");
            assertThat(signup.statusCode()).isEqualTo(200);
            assertThat(row(sample, "curl.user@example.org")).contains(",pending,");
            Path outbox = dir.resolve("outbox/signup");
            Await.until(Duration.ofMinutes(1), () -> emls(outbox).size() == 1, () -> "a confirmation in " + outbox);
            String eml = Files.readString(emls(outbox).get(0)).replace("=\r\n", "");
            Matcher link = LINK.matcher(eml);
            assertThat(link.find()).as(eml).isTrue();
            String confirm = base + "/newsletter" + link.group(1).replace("=3D", "=");

            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(confirm))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(row(sample, "curl.user@example.org")).contains(",pending,");
            assertThat(post(confirm, "application/x-www-form-urlencoded", "").statusCode())
                    .isEqualTo(200);
            assertThat(row(sample, "curl.user@example.org")).contains(",active,");

            String unsubscribe = eml.lines()
                    .filter(l -> l.startsWith("List-Unsubscribe: <"))
                    .map(l -> l.substring("List-Unsubscribe: <".length(), l.indexOf('>')))
                    .findFirst()
                    .orElseThrow();
            String boundary = "XyZ-one-click";
            HttpResponse<String> oneClick = post(
                    base + URI.create(unsubscribe).getRawPath() + "?"
                            + URI.create(unsubscribe).getRawQuery(),
                    "multipart/form-data; boundary=" + boundary,
                    "--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--"
                            + boundary + "--\r\n");
            assertThat(oneClick.statusCode()).isEqualTo(200);
            assertThat(row(sample, "curl.user@example.org")).contains(",unsubscribed,");
        } finally {
            process.destroy();
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(log)).contains("signup: confirmed curl.user@example.org on pdl-packet");
    }

    private HttpResponse<String> post(String url, String type, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String row(SampleProject sample, String email) {
        return sample.read(SampleProject.LIST_FILE)
                .lines()
                .filter(line -> line.startsWith(email + ","))
                .findFirst()
                .orElse("(none)");
    }

    private static List<Path> emls(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".eml")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static int awaitPort(Path log, Process process) throws Exception {
        Await.until(
                Duration.ofSeconds(60),
                () -> !process.isAlive() || LISTENING.matcher(read(log)).find(),
                () -> "the endpoint did not start: " + read(log));
        Matcher m = LISTENING.matcher(read(log));
        if (!m.find()) {
            throw new AssertionError("run --http-only exited: " + read(log));
        }
        return Integer.parseInt(m.group(1));
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
