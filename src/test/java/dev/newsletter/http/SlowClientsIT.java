package dev.newsletter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.schedule.Await;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow and idle clients over real sockets, each from its own loopback address (127.0.1.x): they
 * must not stop anyone else (issue 11, item 2).
 */
class SlowClientsIT {
    private static final UnsubscribeTokens TOKENS =
            new UnsubscribeTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final EmailAddress ZOE = EmailAddress.parse("zoe.mueller@example.org");

    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicInteger unsubscribed = new AtomicInteger();
    private UnsubscribeServer server;

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
    void twoHundredSlowClientsDoNotStopTheNextOne() throws Exception {
        // timeouts far beyond the test's own: the next request cannot be served because they fired
        start(HttpLimits.defaults()
                .withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10)));
        String token = TOKENS.token("pdl-packet", ZOE);
        List<Socket> slowBodies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Socket socket = connectFrom("127.0.1." + (i + 1));
            OutputStream out = socket.getOutputStream();
            if (i % 2 == 0) {
                // headers that never end
                out.write(
                        ("POST /unsubscribe?t=" + token + " HTTP/1.1\r\nHost: l").getBytes(StandardCharsets.US_ASCII));
            } else {
                // a body that never ends
                out.write(("POST /unsubscribe?t=" + token + " HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 26\r\n\r\n"
                                + "List-Unsubscribe")
                        .getBytes(StandardCharsets.US_ASCII));
                slowBodies.add(socket);
            }
            out.flush();
        }

        long start = System.nanoTime();
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + server.port() + "/unsubscribe?t=" + token))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("SlowClientsIT: with 200 slow clients open, a GET was answered in " + millis + " ms");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("zoe.mueller@example.org");
        // and the slow ones are still being served: one finishes its body and gets its answer
        Socket slow = slowBodies.get(0);
        slow.getOutputStream().write("=One-Click".getBytes(StandardCharsets.US_ASCII));
        slow.getOutputStream().flush();
        assertThat(new String(slow.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.1 200 ");
        assertThat(unsubscribed).hasValue(1);
    }

    @Test
    void aClientOverItsConnectionCapIsClosedWhileOthersAreServed() throws Exception {
        start(HttpLimits.defaults()
                .withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10))
                .withMaxConnectionsPerClient(5));
        String token = TOKENS.token("pdl-packet", ZOE);
        List<Socket> greedy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Socket socket = connectFrom("127.0.2.1");
            socket.getOutputStream().write("GET /unsub".getBytes(StandardCharsets.US_ASCII));
            greedy.add(socket);
        }
        Await.until(
                Duration.ofSeconds(60),
                () -> server.clients().refused() == 1,
                () -> "one of six connections refused, not " + server.clients().refused());

        assertThat(get(token).statusCode()).as("another client").isEqualTo(200);
        int answered = 0;
        for (Socket socket : greedy) {
            try {
                socket.getOutputStream()
                        .write(("scribe?t=" + token + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                if (new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)
                        .startsWith("HTTP/1.1 200 ")) {
                    answered++;
                }
            } catch (IOException closedByTheServer) {
                // the refused one
            }
        }
        assertThat(answered).as("the five within the cap are still served").isEqualTo(5);
    }

    @Test
    void aClientIsServedAgainAndAgainOnceItsEarlierConnectionsHaveClosed() throws Exception {
        start(HttpLimits.defaults().withMaxConnectionsPerClient(2));
        String token = TOKENS.token("pdl-packet", ZOE);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // one after another: never more than one open at once
            Socket socket = connectFrom("127.0.2.2");
            InetAddress client = socket.getLocalAddress();
            socket.getOutputStream()
                    .write(("GET /unsubscribe?t=" + token + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            answers.add(
                    answer.isEmpty() ? "(closed)" : answer.lines().findFirst().orElse(""));
            socket.close();
            Await.until(
                    Duration.ofSeconds(60),
                    () -> server.clients().openFrom(client) == 0,
                    () -> "the server still counts " + server.clients().openFrom(client)
                            + " open connections from a client whose connections all closed");
        }

        assertThat(answers).as("ten requests in turn").allMatch(line -> line.startsWith("HTTP/1.1 200 "));
        assertThat(server.clients().refused()).isZero();
    }

    @Test
    void headersThatTrickleInAreCutOffAtTheHeaderDeadline() throws Exception {
        // idle timeout far away: only the header deadline can close this connection
        start(HttpLimits.defaults()
                .withTimeouts(Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofMinutes(10)));
        Socket socket = connectFrom("127.0.3.1");
        socket.setSoTimeout(200);
        OutputStream out = socket.getOutputStream();
        out.write("GET /unsubscribe?t=".getBytes(StandardCharsets.US_ASCII));

        boolean closed = false;
        for (int i = 0; i < 1500 && !closed; i++) { // at most 5 minutes, one byte every 200 ms
            try {
                out.write('a');
                out.flush();
                closed = socket.getInputStream().read() == -1;
            } catch (java.net.SocketTimeoutException stillOpen) {
                // no answer yet: keep trickling
            } catch (IOException reset) {
                closed = true;
            }
        }

        assertThat(closed).isTrue();
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIsAnswered408AndChangesNothing() throws Exception {
        start(HttpLimits.defaults()
                .withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(1)));
        Socket socket = connectFrom("127.0.3.2");
        socket.getOutputStream()
                .write(("POST /unsubscribe?t=" + TOKENS.token("pdl-packet", ZOE) + " HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 26\r\n\r\n"
                                + "List-Unsubscribe")
                        .getBytes(StandardCharsets.US_ASCII));

        assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.1 408 ");
        assertThat(unsubscribed).hasValue(0);
    }

    @Test
    void aChunkedBodyThatNeverEndsIs413AfterAMegabyteNotReadUntilTheBodyTimeout() throws Exception {
        // body timeout far away: only the size cap can end this upload
        start(HttpLimits.defaults()
                .withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10)));
        Socket socket = connectFrom("127.0.3.3");
        OutputStream out = socket.getOutputStream();
        out.write(("POST /unsubscribe?t=" + TOKENS.token("pdl-packet", ZOE) + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        Thread uploader = new Thread(() -> {
            try {
                for (int i = 0; i < 1024; i++) { // 64 MB at most
                    out.write(chunk);
                }
            } catch (IOException closedByTheServer) {
                // expected: the server stopped reading
            }
        });
        uploader.setDaemon(true);
        uploader.start();

        String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);

        assertThat(answer).isEqualTo("HTTP/1.1 413");
        assertThat(unsubscribed).hasValue(0);
    }

    @Test
    void whenEveryWorkerIsBusyAndTheQueueFullTheNextUnsubscribeGets503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(HttpLimits.defaults().withWorkers(1, 1), (list, address, how) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unsubscribed.incrementAndGet();
            return true;
        });
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (String address : List.of("a@example.org", "b@example.org", "c@example.org")) {
            posts.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/unsubscribe?t="
                                    + TOKENS.token("pdl-packet", EmailAddress.parse(address))))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        // one runs (and waits), one waits in the queue, the third is turned away at once
        HttpResponse<?> first = (HttpResponse<?>) CompletableFuture.anyOf(posts.toArray(new CompletableFuture<?>[0]))
                .get(60, TimeUnit.SECONDS);
        assertThat(first.statusCode()).isEqualTo(503);
        release.countDown();

        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> post : posts) {
            statuses.add(post.get(60, TimeUnit.SECONDS).statusCode());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 200, 503);
        assertThat(unsubscribed).hasValue(2);
    }

    private void start(HttpLimits limits) {
        start(limits, (list, address, how) -> {
            unsubscribed.incrementAndGet();
            return true;
        });
    }

    private void start(HttpLimits limits, Unsubscriber unsubscriber) {
        server = UnsubscribeServer.start(
                new UnsubscribeServer.Options("127.0.0.1", 0, "The PDL Packet", limits, EndpointLog.slf4j()),
                TOKENS,
                unsubscriber);
    }

    private HttpResponse<String> get(String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + server.port() + "/unsubscribe?t=" + token))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
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
