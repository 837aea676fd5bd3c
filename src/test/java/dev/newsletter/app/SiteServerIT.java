package dev.newsletter.app;

import static dev.newsletter.testing.SampleProject.ENV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.config.HttpSettings;
import dev.newsletter.http.EndpointLog;
import dev.newsletter.http.UnsubscribeServer;
import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code http.site: true}: the daemon's HTTP server serves {@code site/} under the baseUrl path, and nothing else. */
class SiteServerIT {
    private static final String SECRET = "smtp:"; // in config/newsletter.yaml, outside site/

    @TempDir
    Path dir;

    private Config config;
    private UnsubscribeServer server;

    private static final EndpointLog QUIET = new EndpointLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
    };

    @BeforeEach
    void publishAndServe() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        config = ConfigLoader.load(sample.config());
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("2024-fall.html"), "<!doctype html><title>Fall</title>");
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>Index</title>");
        Files.writeString(site.resolve("feed.xml"), "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>");
        Files.createDirectories(site.resolve("2024-fall"));
        Files.write(site.resolve("2024-fall/graphpipe.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.createDirectories(site.resolve(".git"));
        Files.writeString(site.resolve(".git/config"), SECRET + " hidden");
        Files.createSymbolicLink(site.resolve("leak.html"), dir.resolve("config/newsletter.yaml"));
        Files.createSymbolicLink(site.resolve("leakdir"), dir.resolve("config"));
        Files.createSymbolicLink(site.resolve("latest.html"), site.resolve("2024-fall.html"));
        server = UnsubscribeEndpoint.start(
                config, new HttpSettings(0, "127.0.0.1", true), ENV, Clock.systemUTC(), QUIET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesThePageAtThePathOfTheWebVersionLinkWithItsTypeAndValidators() throws IOException {
        Answer page = request("GET", "/newsletter/2024-fall.html", "");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(page.header("last-modified")).endsWith("GMT");
        assertThat(page.body()).isEqualTo("<!doctype html><title>Fall</title>");

        Answer again = request("GET", "/newsletter/2024-fall.html", "If-None-Match: " + page.header("etag") + "\r\n");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void servesTheIndexTheFeedAndImagesEachWithItsType() throws IOException {
        assertThat(request("GET", "/newsletter/", "").body()).contains("Index");
        assertThat(request("GET", "/newsletter", "").body()).contains("Index");
        assertThat(request("GET", "/newsletter/feed.xml", "").header("content-type"))
                .isEqualTo("application/atom+xml; charset=utf-8");
        Answer image = request("GET", "/newsletter/2024-fall/graphpipe.png", "");
        assertThat(image.header("content-type")).isEqualTo("image/png");
        assertThat(image.header("content-length")).isEqualTo("4");
        assertThat(request("GET", "/newsletter/latest.html", "").body()).contains("Fall"); // a link inside the site
    }

    @Test
    void headAnswersWithoutABodyAndOtherMethodsAreRefused() throws IOException {
        Answer head = request("HEAD", "/newsletter/2024-fall.html", "");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("content-length")).isEqualTo("34");
        assertThat(head.body()).isEmpty();

        Answer post = request("POST", "/newsletter/2024-fall.html", "Content-Length: 0\r\n");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("allow")).isEqualTo("GET, HEAD");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/newsletter/../config/newsletter.yaml",
                "/newsletter/%2e%2e/config/newsletter.yaml",
                "/newsletter/%2E%2E/config/newsletter.yaml",
                "/newsletter/..%2fconfig%2fnewsletter.yaml",
                "/newsletter/%2e%2e%2fconfig%2fnewsletter.yaml",
                "/newsletter/2024-fall/../../config/newsletter.yaml",
                "/newsletter/..\\config\\newsletter.yaml",
                "/newsletter/%5c..%5cconfig%5cnewsletter.yaml",
                "/config/newsletter.yaml",
                "/newsletter/leak.html",
                "/newsletter/leakdir/newsletter.yaml",
                "/newsletter/.git/config",
                "/newsletter/%2egit/config",
                "/newsletter/2024-fall/",
                "/newsletter/2024-fall.html%00.png",
                "/newsletter/nothing-here.html"
            })
    void nothingOutsideTheSiteNorHiddenNorAListingIsServed(String path) throws IOException {
        Answer answer = request("GET", path, "");

        assertThat(answer.status()).as(path).isIn(400, 404);
        assertThat(answer.body()).as(path).doesNotContain(SECRET).doesNotContain("graphpipe.png");
    }

    @Test
    void theEndpointsStillAnswerTheirPaths() throws IOException {
        Answer unsubscribe = request("GET", "/newsletter/unsubscribe?t=not-a-token", "");

        assertThat(unsubscribe.status()).isEqualTo(400);
        assertThat(unsubscribe.body()).contains("unsubscribe link");
    }

    @Test
    void withoutHttpSiteNothingIsServed() throws IOException {
        server.close();
        server = UnsubscribeEndpoint.start(config, new HttpSettings(0, "127.0.0.1"), ENV, Clock.systemUTC(), QUIET);

        assertThat(request("GET", "/newsletter/2024-fall.html", "").status()).isEqualTo(404);
    }

    @Test
    void theConfigKeyTurnsItOnAndAWrongValueIsOneLineWithItsPlace() {
        SampleProject sample = SampleProject.copyTo(dir.resolve("other"));
        sample.append("config/newsletter.yaml", "http:\n  port: 0\n  site: true\n");
        assertThat(ConfigLoader.load(sample.config()).http())
                .hasValueSatisfying(http -> assertThat(http.servesSite()).isTrue());

        sample.replace("config/newsletter.yaml", "site: true", "site: sometimes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.load(sample.config()))
                .isInstanceOf(dev.newsletter.input.InvalidInputException.class)
                .hasMessageContaining("newsletter.yaml:")
                .hasMessageContaining("site");
    }

    private record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    /** One request over a raw socket, so that the path goes out exactly as written. */
    private Answer request(String method, String path, String headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head, body);
        }
    }
}
