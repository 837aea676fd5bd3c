package dev.newsletter.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The link probe against a real HTTP server on a loopback port. */
class HttpLinkProbeIT {
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/no-head", exchange -> {
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("HEAD") ? 405 : 200, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/ok");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void answersEachLinkWithItsStatusOrError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI ok = URI.create(base + "/ok");
        URI gone = URI.create(base + "/gone");
        URI noHead = URI.create(base + "/no-head");
        URI moved = URI.create(base + "/moved");
        URI refused = URI.create("http://127.0.0.1:" + closedPort + "/");

        Map<URI, LinkProbe.Answer> answers =
                new HttpLinkProbe(Duration.ofSeconds(5)).probe(List.of(ok, gone, noHead, moved, refused));

        assertThat(answers.get(ok).status()).isEqualTo(200);
        assertThat(answers.get(gone).status()).isEqualTo(404);
        assertThat(answers.get(gone).broken()).isTrue();
        assertThat(answers.get(noHead).status()).isEqualTo(200);
        assertThat(answers.get(moved).status()).isEqualTo(200);
        assertThat(answers.get(refused).status()).isZero();
        assertThat(answers.get(refused).error()).isNotEmpty();
    }

    @Test
    void dnsTxtStringsAreJoined() {
        assertThat(DnsTxt.unquote("\"v=DKIM1; k=rsa; p=AB\" \"CD\"")).isEqualTo("v=DKIM1; k=rsa; p=ABCD");
        assertThat(DnsTxt.unquote("v=DKIM1; p=ABCD")).isEqualTo("v=DKIM1; p=ABCD");
    }
}
