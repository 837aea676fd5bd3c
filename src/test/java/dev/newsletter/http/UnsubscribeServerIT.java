package dev.newsletter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint over real HTTP: what each method does and does not change. */
class UnsubscribeServerIT {
    private static final UnsubscribeTokens TOKENS =
            new UnsubscribeTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final EmailAddress ZOE = EmailAddress.parse("zoe.mueller@example.org");

    private final List<String> unsubscribed = new CopyOnWriteArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private UnsubscribeServer server;

    @BeforeEach
    void start() {
        server = UnsubscribeServer.start(
                "127.0.0.1",
                0,
                TOKENS,
                (list, address, reason) -> {
                    boolean first = !unsubscribed.contains(list + ":" + address);
                    unsubscribed.add(list + ":" + address);
                    return first;
                },
                "The PDL Packet");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void oneClickPostUnsubscribesAndAnswers200WithoutRedirect() throws Exception {
        HttpResponse<String> response = post(url(TOKENS.token("pdl-packet", ZOE)), "List-Unsubscribe=One-Click");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("zoe.mueller@example.org").contains("will not receive");
        assertThat(unsubscribed).containsExactly("pdl-packet:zoe.mueller@example.org");
    }

    @Test
    void getShowsAConfirmPageAndChangesNothing() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(url(TOKENS.token("pdl-packet", ZOE)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("<form method=\"post\"")
                .contains("List-Unsubscribe")
                .contains("One-Click");
        assertThat(unsubscribed).isEmpty();
    }

    @Test
    void aForgedOrAlteredTokenIsRefusedAndChangesNothing() throws Exception {
        String token = TOKENS.token("pdl-packet", ZOE);
        String otherPayload = TOKENS.token("pdl-packet", EmailAddress.parse("victim@example.org"))
                .split("\\.")[0];
        String swapped = otherPayload + "." + token.split("\\.")[1];
        UnsubscribeTokens otherSecret =
                new UnsubscribeTokens("another-secret-of-32-characters!".getBytes(StandardCharsets.UTF_8));

        assertThat(post(url(swapped), "List-Unsubscribe=One-Click").statusCode())
                .isEqualTo(403);
        assertThat(post(url(otherSecret.token("pdl-packet", ZOE)), "List-Unsubscribe=One-Click")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(url("garbage"), "List-Unsubscribe=One-Click").statusCode())
                .isEqualTo(400);
        assertThat(post(URI.create(base() + "/unsubscribe"), "List-Unsubscribe=One-Click")
                        .statusCode())
                .isEqualTo(400);
        assertThat(unsubscribed).isEmpty();
    }

    @Test
    void aPostWithoutTheOneClickBodyChangesNothing() throws Exception {
        assertThat(post(url(TOKENS.token("pdl-packet", ZOE)), "").statusCode()).isEqualTo(400);
        assertThat(unsubscribed).isEmpty();
    }

    @Test
    void repeatingIsHarmless() throws Exception {
        URI url = url(TOKENS.token("pdl-packet", ZOE));

        assertThat(post(url, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        assertThat(post(url, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
    }

    @Test
    void worksUnderAnyPathPrefixAndAnswers404Elsewhere() throws Exception {
        String token = TOKENS.token("pdl-packet", ZOE);

        assertThat(post(URI.create(base() + "/newsletter/unsubscribe?t=" + token), "List-Unsubscribe=One-Click")
                        .statusCode())
                .isEqualTo(200);
        assertThat(post(URI.create(base() + "/admin?t=" + token), "List-Unsubscribe=One-Click")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aMultipartOneClickPostUnsubscribesWithAnyBoundaryAndLineEnding() throws Exception {
        String crlf = "--XyZ-1\r\n"
                + "Content-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                + "One-Click\r\n"
                + "--XyZ-1--\r\n";
        String lfWithExtraParts = "--------------------------d74496d66958873e\n"
                + "Content-Disposition: form-data; name=\"other\"\n\n"
                + "ignored\n"
                + "--------------------------d74496d66958873e\n"
                + "Content-Disposition: form-data; name=\"List-Unsubscribe\"\n"
                + "Content-Type: text/plain\n\n"
                + "One-Click\n"
                + "--------------------------d74496d66958873e\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\n\n"
                + "also ignored\n"
                + "--------------------------d74496d66958873e--\n";

        HttpResponse<String> first =
                postAs(url(TOKENS.token("pdl-packet", ZOE)), "multipart/form-data; boundary=XyZ-1", crlf);
        HttpResponse<String> second = postAs(
                url(TOKENS.token("other-list", ZOE)),
                "multipart/form-data; boundary=\"------------------------d74496d66958873e\"",
                lfWithExtraParts);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(unsubscribed)
                .containsExactly("pdl-packet:zoe.mueller@example.org", "other-list:zoe.mueller@example.org");
    }

    @Test
    void theBoundaryParameterIsFoundInAnyCaseAsMediaTypeParametersAre() throws Exception {
        String body = "--B\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--B--\r\n";

        HttpResponse<String> upper =
                postAs(url(TOKENS.token("pdl-packet", ZOE)), "Multipart/Form-Data; BOUNDARY=B", body);
        HttpResponse<String> quoted = postAs(
                url(TOKENS.token("other-list", ZOE)), "multipart/form-data; charset=utf-8; Boundary=\"B\"", body);

        assertThat(upper.statusCode()).as(upper.body()).isEqualTo(200);
        assertThat(quoted.statusCode()).as(quoted.body()).isEqualTo(200);
        assertThat(unsubscribed).hasSize(2);
    }

    @Test
    void theOneClickValueIsMatchedWithoutRegardToCaseOrSurroundingSpace() throws Exception {
        assertThat(post(url(TOKENS.token("a", ZOE)), "List-Unsubscribe=one-click")
                        .statusCode())
                .isEqualTo(200);
        assertThat(post(url(TOKENS.token("b", ZOE)), "List-Unsubscribe=+One-Click%20")
                        .statusCode())
                .isEqualTo(200);
        assertThat(post(url(TOKENS.token("c", ZOE)), "list-unsubscribe=ONE-CLICK")
                        .statusCode())
                .isEqualTo(200);
        assertThat(post(url(TOKENS.token("d", ZOE)), "List-Unsubscribe=Two-Clicks")
                        .statusCode())
                .isEqualTo(400);
        assertThat(unsubscribed).hasSize(3);
    }

    @Test
    void aMultipartPostWithoutTheOneClickFieldIs400AndChangesNothing() throws Exception {
        String body = "--b\r\nContent-Disposition: form-data; name=\"something\"\r\n\r\nelse\r\n--b--\r\n";

        HttpResponse<String> response =
                postAs(url(TOKENS.token("pdl-packet", ZOE)), "multipart/form-data; boundary=b", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("List-Unsubscribe=One-Click");
        assertThat(unsubscribed).isEmpty();
    }

    @Test
    void anOversizedBodyIs413AndChangesNothing() throws Exception {
        String padding = "x".repeat(64 * 1024);
        URI url = url(TOKENS.token("pdl-packet", ZOE));

        HttpResponse<String> form = post(url, "List-Unsubscribe=One-Click&pad=" + padding);
        HttpResponse<String> multipart = postAs(
                url,
                "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n"
                        + "--b\r\nContent-Disposition: form-data; name=\"pad\"\r\n\r\n" + padding + "\r\n--b--\r\n");

        HttpResponse<String> chunked = http.send(
                HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                                ("List-Unsubscribe=One-Click&pad=" + padding).getBytes(StandardCharsets.US_ASCII))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(form.statusCode()).isEqualTo(413);
        assertThat(multipart.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(form.body()).contains("too large");
        assertThat(unsubscribed).isEmpty();
    }

    @Test
    void anOtherContentTypeIs415() throws Exception {
        HttpResponse<String> response = postAs(
                url(TOKENS.token("pdl-packet", ZOE)), "application/json", "{\"List-Unsubscribe\":\"One-Click\"}");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(unsubscribed).isEmpty();
    }

    private HttpResponse<String> postAs(URI url, String contentType, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(url)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String token) {
        return URI.create(base() + "/unsubscribe?t=" + token);
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }
}
