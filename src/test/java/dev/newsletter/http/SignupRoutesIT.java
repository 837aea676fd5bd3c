package dev.newsletter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.schedule.Await;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The signup routes over real sockets with a desk that only records what it is asked: slow clients,
 * which client address a signup is counted for, and GET versus POST on a confirmation link.
 */
class SignupRoutesIT {
    private static final UnsubscribeTokens TOKENS =
            new UnsubscribeTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    private final List<Socket> sockets = new ArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private UnsubscribeServer server;
    private CountDownLatch blockSignupsUntil = new CountDownLatch(0);

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoHundredSlowSignupsDoNotStopTheNextOne() throws Exception {
        start(
                HttpLimits.defaults()
                        .withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10)),
                false);
        for (int i = 0; i < 200; i++) {
            Socket socket = connectFrom("127.0.4." + (i + 1));
            OutputStream out = socket.getOutputStream();
            out.write((i % 2 == 0
                            ? "POST /newsletter/subscribe HTTP/1.1\r\nHost: l"
                            : "POST /newsletter/subscribe HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 40\r\n\r\nemail=")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        long start = System.nanoTime();
        HttpResponse<String> answer = subscribe("email=next%40example.org", Map.of());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("SignupRoutesIT: with 200 slow signups open, the next was answered in " + millis + " ms");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(asked).containsExactly("subscribe next@example.org from 127.0.0.1");
    }

    @Test
    void xForwardedForIsIgnoredUnlessTrusted() throws Exception {
        start(HttpLimits.defaults(), false);

        subscribe("email=a%40example.org", Map.of("X-Forwarded-For", "203.0.113.9"));

        assertThat(asked).containsExactly("subscribe a@example.org from 127.0.0.1");
    }

    @Test
    void aTrustedProxysLastForwardedHopIsTheClient() throws Exception {
        start(HttpLimits.defaults(), true);

        subscribe("email=a%40example.org", Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.9"));
        subscribe("email=b%40example.org", Map.of("X-Forwarded-For", "203.0.113.9\u00a0junk"));

        assertThat(asked)
                .containsExactly("subscribe a@example.org from 203.0.113.9", "subscribe b@example.org from 127.0.0.1");
    }

    @Test
    void aConfirmationLinkOpenedWithGetOnlyShowsTheButton() throws Exception {
        start(HttpLimits.defaults(), false);
        HttpClient http = HttpClient.newHttpClient();
        URI link = URI.create("http://127.0.0.1:" + server.port() + "/newsletter/confirm?t=abc.def");

        HttpResponse<String> page =
                http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> done = http.send(
                HttpRequest.newBuilder(link)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.body()).contains("<form method=\"post\" action=\"?t=abc.def\">");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(asked).containsExactly("page abc.def", "confirm abc.def");
    }

    @Test
    void unsubscribeStillAnswersBesideTheSignupRoutes() throws Exception {
        start(HttpLimits.defaults(), false);

        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/unsubscribe?t=x.y"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(403);
    }

    @Test
    void aFloodOfSlowSignupsNeverDelaysAnUnsubscribe() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        blockSignupsUntil = release;
        start(HttpLimits.defaults().withWorkers(4, 2), false);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> signups = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            signups.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/subscribe"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("email=s" + i + "%40example.org"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Await.until(
                Duration.ofSeconds(60),
                () -> signups.stream().filter(CompletableFuture::isDone).count() == 2,
                () -> "two signups turned away (two run, two wait)");

        HttpResponse<String> unsubscribe = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/unsubscribe?t="
                                + TOKENS.token("pdl-packet", EmailAddress.parse("zoe@example.org"))))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unsubscribe.statusCode()).isEqualTo(200);
        release.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> signup : signups) {
            statuses.add(signup.get(60, TimeUnit.SECONDS).statusCode());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 200, 200, 200, 503, 503);
    }

    private HttpResponse<String> subscribe(String form, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/newsletter/subscribe"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void start(HttpLimits limits, boolean trustProxy) {
        SignupDesk desk = new SignupDesk() {
            @Override
            public Answer subscribe(Map<String, String> fields, String client) {
                try {
                    blockSignupsUntil.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                asked.add("subscribe " + fields.get("email") + " from " + client);
                return Answer.page(200, "Almost done", "Thanks");
            }

            @Override
            public Answer confirmPage(String token) {
                asked.add("page " + token);
                return Answer.button("Confirm", "Confirm?", token);
            }

            @Override
            public Answer confirm(String token) {
                asked.add("confirm " + token);
                return Answer.page(200, "Subscribed", "Done");
            }

            @Override
            public boolean trustProxy() {
                return trustProxy;
            }

            @Override
            public void close() {}
        };
        server = UnsubscribeServer.start(
                new UnsubscribeServer.Options("127.0.0.1", 0, "The PDL Packet", limits, EndpointLog.slf4j()),
                TOKENS,
                (list, address, how) -> true,
                Optional.of(desk));
    }

    private Socket connectFrom(String address) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(address, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }
}
