package dev.newsletter.app;

import static dev.newsletter.testing.SampleProject.ENV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.config.HttpSettings;
import dev.newsletter.http.EndpointLog;
import dev.newsletter.http.UnsubscribeServer;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.StopSignal;
import dev.newsletter.subscriber.ListEditor;
import dev.newsletter.subscriber.NewSubscriber;
import dev.newsletter.subscriber.Status;
import dev.newsletter.testing.SampleProject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop: send the sample issue (capture mode), take the List-Unsubscribe URL out of a
 * captured message, POST it as RFC 8058 says, and find the subscriber unsubscribed in the list file
 * and in the suppression list.
 */
class UnsubscribeEndpointIT {
    private static final Pattern LIST_UNSUBSCRIBE = Pattern.compile("List-Unsubscribe: <(https://[^>]+)>");

    @TempDir
    Path dir;

    private SampleProject sample;
    private Config config;
    private UnsubscribeServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final EndpointLog log = new EndpointLog() {
        @Override
        public void info(String message) {
            logged.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            logged.add("WARN " + message);
        }
    };

    @BeforeEach
    void sendAndStartTheEndpoint() {
        sample = SampleProject.copyTo(dir);
        config = ConfigLoader.load(sample.config());
        new IssueSender(ENV, Clock.systemUTC())
                .send(
                        Project.load(config, sample.issue()),
                        IssueSender.Request.everyone(null),
                        new StopSignal(),
                        note -> {},
                        total -> Progress.none());
        server = UnsubscribeEndpoint.start(config, new HttpSettings(0, "127.0.0.1"), ENV, Clock.systemUTC(), log);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theLinkFromACapturedMessageUnsubscribesThatSubscriber() throws Exception {
        String before = sample.read("subscribers/pdl-packet.csv");

        HttpResponse<String> response = post(capturedLink("zoe.mueller@example.org"));

        assertThat(response.statusCode()).isEqualTo(200);
        String after = sample.read("subscribers/pdl-packet.csv");
        assertThat(changedLines(before, after))
                .singleElement()
                .asString()
                .startsWith("zoe.mueller@example.org,")
                .contains(",unsubscribed,");
        assertThat(sample.read("subscribers/suppressed.csv")).contains("zoe.mueller@example.org,");
        assertThat(logged).containsExactly("INFO unsubscribed zoe.mueller@example.org from pdl-packet (one-click)");
    }

    @Test
    void theConfirmationPageUnsubscribesAndIsLoggedAsSuch() throws Exception {
        URI link = capturedLink("zoe.mueller@example.org");

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(link)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click&from=page"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sample.read("subscribers/suppressed.csv")).contains("zoe.mueller@example.org,unsubscribe page,");
        assertThat(logged).containsExactly("INFO unsubscribed zoe.mueller@example.org from pdl-packet (page)");
    }

    @Test
    void anInvalidRowInTheListDoesNotLoseTheUnsubscribe() throws Exception {
        URI link = capturedLink("zoe.mueller@example.org");
        sample.write(
                "subscribers/pdl-packet.csv",
                sample.read("subscribers/pdl-packet.csv") + "not-an-address,Broken Row,active,,,\n");

        HttpResponse<String> response = post(link);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("zoe.mueller@example.org");
        assertThat(sample.read("subscribers/suppressed.csv").lines())
                .anySatisfy(line -> assertThat(line).startsWith("zoe.mueller@example.org,one-click,"));
        assertThat(logged)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("WARN zoe.mueller@example.org is suppressed, but its row in")
                        .contains("not-an-address"))
                .contains("INFO unsubscribed zoe.mueller@example.org from pdl-packet (one-click)");
    }

    @Test
    void aFailureToRecordAnswersA500Page() throws Exception {
        URI link = capturedLink("zoe.mueller@example.org");
        Files.delete(dir.resolve("subscribers/suppressed.csv"));
        Files.createDirectory(dir.resolve("subscribers/suppressed.csv"));

        HttpResponse<String> response = post(link);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("Please try again");
        assertThat(logged)
                .singleElement()
                .asString()
                .startsWith("WARN could not record that zoe.mueller@example.org unsubscribed from pdl-packet")
                .contains("./newsletter subscribers unsubscribe zoe.mueller@example.org --list pdl-packet");
    }

    @Test
    void repeatingTheRequestChangesNothingMore() throws Exception {
        URI link = capturedLink("zoe.mueller@example.org");
        post(link);
        String list = sample.read("subscribers/pdl-packet.csv");
        String suppressed = sample.read("subscribers/suppressed.csv");

        assertThat(post(link).statusCode()).isEqualTo(200);

        assertThat(sample.read("subscribers/pdl-packet.csv")).isEqualTo(list);
        assertThat(sample.read("subscribers/suppressed.csv")).isEqualTo(suppressed);
    }

    @Test
    void concurrentUnsubscribesAndAConcurrentAddAllLand() throws Exception {
        List<String> leaving = List.of(
                "zoe.mueller@example.org", "ana.lima@example.org", "sam.okafor@example.org", "ops-team@example.org");
        List<URI> links = new ArrayList<>();
        for (String address : leaving) {
            links.add(capturedLink(address));
        }
        ExecutorService pool = Executors.newFixedThreadPool(leaving.size() + 1);
        List<Future<Integer>> posts = new ArrayList<>();
        for (URI link : links) {
            posts.add(pool.submit(() -> post(link).statusCode()));
        }
        Future<?> add = pool.submit(() -> ListEditor.of(
                        config.listFile("pdl-packet"), config.suppressionFile(), false, Clock.systemUTC(), () -> {})
                .add(
                        new NewSubscriber("new.member@example.org", "New Member", Status.ACTIVE, List.of(), Map.of()),
                        false,
                        false));
        for (Future<Integer> post : posts) {
            assertThat(post.get()).isEqualTo(200);
        }
        add.get();
        pool.shutdown();

        String list = sample.read("subscribers/pdl-packet.csv");
        for (String address : leaving) {
            assertThat(list.lines().filter(l -> l.startsWith(address + ",")))
                    .singleElement()
                    .asString()
                    .contains(",unsubscribed,");
            assertThat(sample.read("subscribers/suppressed.csv")).contains(address + ",");
        }
        assertThat(list).contains("new.member@example.org,New Member,active,");
    }

    private URI capturedLink(String address) throws Exception {
        String eml = Files.readString(dir.resolve("outbox/2024-fall/" + address + ".eml"))
                .replaceAll("\r?\n[ \t]+", " ");
        Matcher m = LIST_UNSUBSCRIBE.matcher(eml);
        assertThat(m.find()).as("List-Unsubscribe in " + address).isTrue();
        URI link = URI.create(m.group(1));
        assertThat(link.getHost()).isEqualTo("pdl.example.org");
        return URI.create("http://127.0.0.1:" + server.port() + link.getRawPath() + "?" + link.getRawQuery());
    }

    private HttpResponse<String> post(URI url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> changedLines(String before, String after) {
        List<String> old = before.lines().toList();
        return after.lines().filter(line -> !old.contains(line)).toList();
    }
}
