package dev.newsletter.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview over real HTTP on loopback: follows edits, shows errors with file and line, writes nothing. */
class PreviewServerIT {
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private PreviewServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private PreviewClient start(SampleProject sample, Map<String, String> env) {
        server = PreviewServer.start(
                new PreviewOptions(sample.config(), sample.issue(), null, Optional.empty(), 0, env, Clock.systemUTC()));
        return new PreviewClient(server);
    }

    @Test
    void thePageChangesAfterTheIssueFileIsEdited() {
        SampleProject sample = SampleProject.copyTo(dir);
        PreviewClient browser = start(sample, Map.of());
        String before = browser.page("/");
        assertThat(before).contains("The PDL Packet — Fall 2024").doesNotContain("Winter Solstice Special");
        long version = PreviewClient.version(before);
        CompletableFuture<String> listening = CompletableFuture.supplyAsync(
                () -> browser.get("/events?since=" + version).body());

        sample.replace("issues/2024-fall.yaml", "Fall 2024\"", "Winter Solstice Special\"");

        browser.awaitChange(version, DEADLINE);
        String after = browser.page("/");
        assertThat(after).contains("The PDL Packet — Winter Solstice Special");
        assertThat(PreviewClient.version(after)).isGreaterThan(version);
        assertThat(listening.join()).startsWith("retry: 500\n\n").contains("event: change\ndata: ");
    }

    @Test
    void anEditedSubscriberListIsReadAgain() {
        SampleProject sample = SampleProject.copyTo(dir);
        PreviewClient browser = start(sample, Map.of());
        String before = browser.page("/");
        assertThat(before).contains("Dear Ana Lima");

        sample.replace(SampleProject.LIST_FILE, "Ana Lima", "Ana Lima-Sørensen");
        browser.awaitChange(PreviewClient.version(before), DEADLINE);

        assertThat(browser.page("/"))
                .contains("Dear Ana Lima-S")
                .contains("Ana Lima-Sørensen &lt;ana.lima@example.org&gt;");
    }

    @Test
    void aBrokenFragmentShowsItsFileAndLineOnThePageAndThePreviewRecoversWhenItIsFixed() {
        SampleProject sample = SampleProject.copyTo(dir);
        PreviewClient browser = start(sample, Map.of());
        String fragment = "templates/fragments/paper.html";
        String original = sample.read(fragment);
        long version = PreviewClient.version(browser.page("/"));

        sample.write(fragment, original.replaceFirst("th:text=\"\\$\\{", "th:text=\"\\${nosuch.field + "));
        version = browser.awaitChange(version, DEADLINE);
        String broken = browser.page("/");

        assertThat(broken)
                .contains("The issue cannot be shown")
                .containsPattern("templates/fragments/paper\\.html:\\d+:\\d+: ")
                .contains("'events?since=" + version); // the error page follows edits too
        assertThat(browser.get("/email.html").statusCode()).isEqualTo(409);

        sample.write(fragment, original);
        browser.awaitChange(version, DEADLINE);
        assertThat(browser.page("/"))
                .doesNotContain("The issue cannot be shown")
                .contains("srcdoc=");
    }

    @Test
    void aFragmentThatIncludesItselfShowsAnErrorAndThePreviewStaysUp() {
        SampleProject sample = SampleProject.copyTo(dir);
        PreviewClient browser = start(sample, Map.of());
        long version = PreviewClient.version(browser.page("/"));
        String fragment = "templates/fragments/text.html";
        String original = sample.read(fragment);

        sample.replace(
                fragment,
                "th:utext=\"${item.body.html}\">",
                "><table th:replace=\"~{fragments/text.html :: text(item=${item})}\"></table>");
        version = browser.awaitChange(version, DEADLINE);

        assertThat(browser.page("/")).contains("The issue cannot be shown").contains("'events?since=" + version);
        sample.write(fragment, original);
        browser.awaitChange(version, DEADLINE);
        assertThat(browser.page("/")).contains("Dear Ana Lima");
    }

    @Test
    void brokenYamlShowsTheIssueFileAndLine() {
        SampleProject sample = SampleProject.copyTo(dir);
        PreviewClient browser = start(sample, Map.of());
        long version = PreviewClient.version(browser.page("/"));

        sample.append("issues/2024-fall.yaml", "surprise: [unclosed\n");
        browser.awaitChange(version, DEADLINE);

        assertThat(browser.page("/")).containsPattern("issues/2024-fall\\.yaml:\\d+:\\d+: ");
    }

    @Test
    void aBrokenConfigShowsOnThePageToo() {
        SampleProject sample = SampleProject.copyTo(dir);
        PreviewClient browser = start(sample, Map.of());
        long version = PreviewClient.version(browser.page("/"));

        sample.replace("config/newsletter.yaml", "  name: The PDL Packet\n", "  name: The PDL Packet\n  nmae: typo\n");
        browser.awaitChange(version, DEADLINE);

        assertThat(browser.page("/"))
                .containsPattern("config/newsletter\\.yaml:\\d+:\\d+: ")
                .contains("nmae");
    }

    @Test
    void theTwoPartsAreExactlyWhatRenderWrites() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        PreviewClient browser = start(sample, SampleProject.ENV);
        String who = "zoe.mueller@example.org";
        Path out = dir.resolve("rendered");

        SampleProject.Run render = sample.run(
                SampleProject.ENV, "render", sample.issue().toString(), "--subscriber", who, "--out", out.toString());

        assertThat(render.code()).isZero();
        String query = "?subscriber=" + URLEncoder.encode(who, StandardCharsets.UTF_8);
        assertThat(browser.page("/email.html" + query))
                .isEqualTo(Files.readString(out.resolve("2024-fall-" + who + ".html")));
        assertThat(browser.page("/email.txt" + query))
                .isEqualTo(Files.readString(out.resolve("2024-fall-" + who + ".txt")));
    }

    @Test
    void writesNothingAndSendsNothing() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        List<String> before = files();
        PreviewClient browser = start(sample, Map.of());
        long version = PreviewClient.version(browser.page("/"));
        browser.page("/?subscriber=zoe.mueller%40example.org");
        browser.page("/email.html");
        browser.page("/email.txt");
        sample.replace("issues/2024-fall.yaml", "Fall 2024\"", "Fall 2025\"");
        browser.awaitChange(version, DEADLINE);
        browser.page("/");

        assertThat(dir.resolve("var")).doesNotExist();
        assertThat(dir.resolve("outbox")).doesNotExist();
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void listensOnLoopbackOnlyAndRefusesOtherHostNames() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        start(sample, Map.of());

        assertThat(server.loopbackOnly()).isTrue();
        assertThat(server.url()).matches("http://127\\.0\\.0\\.1:" + server.port() + "/[A-Za-z0-9_-]{22}/");
        for (InetAddress address : nonLoopbackAddresses()) {
            try (Socket socket = new Socket()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> socket.connect(new InetSocketAddress(address, server.port()), 10_000))
                        .as("connecting through " + address)
                        .isInstanceOf(ConnectException.class);
            }
        }
        // a page elsewhere that resolves its own name to 127.0.0.1 (DNS rebinding) is refused
        assertThat(rawGet("evil.example:" + server.port())).startsWith("HTTP/1.1 421");
        assertThat(rawGet("localhost:" + server.port())).startsWith("HTTP/1.1 200");
    }

    @Test
    void hostileSubscriberNamesAndAddressesAreEscaped() {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.write(
                SampleProject.LIST_FILE,
                "email,name,status,subscribed_at,tags\n"
                        + "mallory@example.org,\"<script>alert(1)</script>\",active,2024-09-01T10:00:00Z,\n"
                        + "eve@example.org,\"\"\"><img src=x onerror=alert(2)>\",active,2024-09-01T10:00:00Z,\n");
        PreviewClient browser = start(sample, Map.of());

        String page = browser.page("/?subscriber=eve%40example.org");
        String unknown = browser.page("/?subscriber=%22%3E%3Cscript%3Ealert(3)%3C%2Fscript%3E");

        for (String html : List.of(page, unknown)) {
            assertThat(html.split("<script", -1)).hasSize(2); // only the page's own script
            assertThat(html).doesNotContain("<img src=x").doesNotContain("\"><script");
        }
        assertThat(page)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
        assertThat(unknown).contains("The issue cannot be shown").contains("&lt;script&gt;alert(3)");
    }

    @Test
    void anUnknownSubscriberInTheAddressShowsWhoIsNotOnTheList() {
        SampleProject sample = SampleProject.copyTo(dir);
        PreviewClient browser = start(sample, Map.of());

        assertThat(browser.page("/?subscriber=nobody%40example.org"))
                .contains("subscribers/pdl-packet.csv: nobody@example.org is not on this list");
        assertThat(browser.page("/")).contains("Dear Ana Lima");
    }

    @Test
    void servesNothingOutsideItsRandomPath() {
        SampleProject sample = SampleProject.copyTo(dir);
        start(sample, Map.of());
        String host = "127.0.0.1:" + server.port();
        String path = URI.create(server.url()).getPath();
        String wrongToken = path.replaceFirst("/.", "/" + (path.charAt(1) == 'A' ? 'B' : 'A'));

        for (String elsewhere : List.of("/", "/email.html", "/events?since=1", wrongToken, wrongToken + "email.txt")) {
            String answer = rawGet(host, elsewhere);
            assertThat(answer).as(elsewhere).startsWith("HTTP/1.1 404").doesNotContain("example.org");
        }
        assertThat(rawGet(host, path)).startsWith("HTTP/1.1 200").contains("ana.lima@example.org");
    }

    @Test
    void answersOnlyGet() {
        SampleProject sample = SampleProject.copyTo(dir);
        start(sample, Map.of());

        assertThat(rawRequest("POST " + URI.create(server.url()).getPath() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                        + server.port() + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 405");
    }

    @Test
    void theFramesShowTheIssuesPicturesFromThePreviewServer() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        PreviewClient browser = start(sample, Map.of());
        String published = "https://pdl.example.org/newsletter/2024-fall/graphpipe.png";

        String page = browser.page("/");

        assertThat(frames(page))
                .hasSize(2)
                .allSatisfy(frame -> assertThat(frame)
                        .contains("src=\"pictures/2024-fall/graphpipe.png\"")
                        .contains("src=\"pictures/2024-fall/helix.png\"")
                        .contains("src=\"pictures/2024-fall/cinnamon.png\"")
                        .doesNotContain("src=\"" + published));
        assertPictureServed(browser, "2024-fall/graphpipe.png", sample.resolve("issues/2024-fall/graphpipe.png"));
        // the part alone stays exactly what render writes: the published URL
        assertThat(browser.page("/email.html")).contains(published).doesNotContain("pictures/");
    }

    @Test
    void withEmbeddedPicturesTheFramesShowThemFromThePreviewServerToo() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.append("config/newsletter.yaml", "\nimages: embed\n");
        PreviewClient browser = start(sample, Map.of());

        String page = browser.page("/");

        assertThat(frames(page))
                .hasSize(2)
                .allSatisfy(frame -> assertThat(frame)
                        .contains("src=\"pictures/2024-fall/helix.png\"")
                        .doesNotContain("cid:"));
        assertPictureServed(browser, "2024-fall/helix.png", sample.resolve("issues/2024-fall/helix.png"));
        assertThat(browser.page("/email.html")).contains("src=\"cid:img.");
    }

    @Test
    void servesOnlyTheIssuesPicturesUnderItsPicturePath() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        Files.copy(sample.resolve("issues/2024-fall/helix.png"), sample.resolve("issues/2024-fall/unused.png"));
        start(sample, Map.of());
        String host = "127.0.0.1:" + server.port();
        String pictures = URI.create(server.url()).getPath() + "pictures/";

        for (String elsewhere : List.of(
                "2024-fall.yaml",
                "2024-fall/unused.png",
                "../email.html",
                "2024-fall/../2024-fall.yaml",
                "../../config/newsletter.yaml",
                "..%2F2024-fall.yaml",
                "%2e%2e/%2e%2e/config/newsletter.yaml",
                "2024-fall%2Fgraphpipe.png",
                "/2024-fall/graphpipe.png",
                "2024-FALL/graphpipe.png",
                "2024-fall/graphpipe.png%zz",
                "2024-fall/graphpipe.png%",
                "2024-fall/graphpipe.png%00",
                "")) {
            String answer = rawGet(host, pictures + elsewhere);
            assertThat(answer)
                    .as(elsewhere)
                    .matches("(?s)HTTP/1\\.1 (404|400) .*")
                    .doesNotContain("baseUrl")
                    .doesNotContain("PNG");
        }
        assertThat(rawGet("evil.example:" + server.port(), pictures + "2024-fall/graphpipe.png"))
                .startsWith("HTTP/1.1 421");
        assertThat(rawGet(host, "/pictures/2024-fall/graphpipe.png")).startsWith("HTTP/1.1 404");
        assertThat(rawGet(host, pictures + "2024-fall/graphpipe.png")).startsWith("HTTP/1.1 200");
    }

    @Test
    void anEditedPictureReloadsThePageAndIsServedAsItIsNow() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        PreviewClient browser = start(sample, Map.of());
        long version = PreviewClient.version(browser.page("/"));
        Path picture = sample.resolve("issues/2024-fall/graphpipe.png");

        Files.copy(sample.resolve("issues/2024-fall/helix.png"), picture, StandardCopyOption.REPLACE_EXISTING);

        browser.awaitChange(version, DEADLINE);
        assertPictureServed(browser, "2024-fall/graphpipe.png", picture);
    }

    @Test
    void aPictureWhoseNameNeedsEscapingIsServedToo() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        Path odd = sample.resolve("issues/2024-fall/graph pipe & é.png");
        Files.copy(sample.resolve("issues/2024-fall/graphpipe.png"), odd);
        sample.replace(
                "issues/2024-fall.yaml", "image: 2024-fall/graphpipe.png", "image: \"2024-fall/graph pipe & é.png\"");
        PreviewClient browser = start(sample, Map.of());

        String page = browser.page("/");

        assertThat(frames(page))
                .allSatisfy(frame ->
                        assertThat(frame).contains("src=\"pictures/2024-fall/graph%20pipe%20&amp;%20%C3%A9.png\""));
        assertPictureServed(browser, "2024-fall/graph%20pipe%20&%20%C3%A9.png", odd);
    }

    @Test
    void anEditedPictureDeepBelowTheIssuesFolderReloadsThePage() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        Path deep = sample.resolve("issues/2024-fall/figures/2024/october/helix.png");
        Files.createDirectories(deep.getParent());
        Files.copy(sample.resolve("issues/2024-fall/helix.png"), deep);
        sample.replace(
                "issues/2024-fall.yaml",
                "image: 2024-fall/helix.png",
                "image: 2024-fall/figures/2024/october/helix.png");
        PreviewClient browser = start(sample, Map.of());
        long version = PreviewClient.version(browser.page("/"));

        Files.copy(sample.resolve("issues/2024-fall/graphpipe.png"), deep, StandardCopyOption.REPLACE_EXISTING);

        browser.awaitChange(version, DEADLINE);
        assertPictureServed(browser, "2024-fall/figures/2024/october/helix.png", deep);
    }

    private static void assertPictureServed(PreviewClient browser, String path, Path file) throws IOException {
        HttpResponse<byte[]> picture = browser.bytes("/pictures/" + path);
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(picture.body()).isEqualTo(Files.readAllBytes(file));
    }

    /** The message's HTML in the page's frames, unescaped from their {@code srcdoc}. */
    private static List<String> frames(String page) {
        return java.util.regex.Pattern.compile("srcdoc=\"([^\"]*)\"")
                .matcher(page)
                .results()
                .map(m -> m.group(1)
                        .replace("&quot;", "\"")
                        .replace("&#39;", "'")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&"))
                .toList();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    private String rawGet(String host) {
        return rawGet(host, URI.create(server.url()).getPath());
    }

    private String rawGet(String host, String path) {
        return rawRequest("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    private String rawRequest(String request) {
        try (Socket socket = new Socket(PreviewServer.HOST, server.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> found = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
        Assumptions.assumeFalse(found.isEmpty(), "this machine has no address but loopback");
        return found;
    }
}
