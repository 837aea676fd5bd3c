package dev.newsletter.app;

import static dev.newsletter.testing.SampleProject.ENV;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.address.EmailAddress;
import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.config.HttpSettings;
import dev.newsletter.http.EndpointLog;
import dev.newsletter.http.UnsubscribeServer;
import dev.newsletter.signup.ConfirmTokens;
import dev.newsletter.testing.SampleProject;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The double opt-in over real HTTP (the JDK's client) with the mails going over real SMTP to
 * GreenMail: signup, confirmation mail, a GET that changes nothing, the POST that confirms, the
 * welcome mail; and everything that must not work.
 */
class SignupEndpointIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Pattern CONFIRM_LINK =
            Pattern.compile("(https://pdl\\.example\\.org/newsletter/confirm\\?t=[A-Za-z0-9_.%-]+)");
    private static final String SECRET = ENV.get("NEWSLETTER_UNSUBSCRIBE_SECRET");

    @TempDir
    Path dir;

    private SampleProject sample;
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

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The sample project relaying to GreenMail, its list with source and confirmed_at columns, and {@code signup}. */
    private void start(String signup) {
        sample = SampleProject.copyTo(dir);
        sample.useRelay(SMTP.getSmtp().getPort());
        String list = sample.read(SampleProject.LIST_FILE);
        sample.write(
                SampleProject.LIST_FILE,
                list.lines()
                                .map(line -> line.startsWith("email,") ? line + ",source,confirmed_at" : line + ",,")
                                .collect(Collectors.joining("\n"))
                        + "\n");
        if (signup != null) {
            sample.append("config/newsletter.yaml", "\nsignup:\n" + signup);
        }
        Config config = ConfigLoader.load(sample.config());
        server = UnsubscribeEndpoint.start(config, new HttpSettings(0, "127.0.0.1"), ENV, Clock.systemUTC(), log);
    }

    private void start() {
        start("  lists: [pdl-packet]\n  fields: [affiliation]\n");
    }

    @Test
    void signupConfirmationGetThenPostAndWelcome() throws Exception {
        start();

        HttpResponse<String> signup = subscribe("email=Robin.Doe%40Example.ORG&name=Robin+Doe&affiliation=CMU");

        assertThat(signup.statusCode()).isEqualTo(200);
        assertThat(row("robin.doe@example.org"))
                .matches("Robin\\.Doe@example\\.org,Robin Doe,pending,[0-9TZ:-]+,,CMU,form,");
        MimeMessage confirmation = awaitMail(1)[0];
        assertThat(confirmation.getSubject()).isEqualTo("Please confirm your subscription to The PDL Packet");
        assertThat(confirmation.getAllRecipients()[0].toString()).isEqualTo("Robin.Doe@example.org");
        assertThat(GreenMailUtil.getBody(confirmation)).doesNotContain("Robin Doe");
        URI link = local(confirmLink(confirmation));

        HttpResponse<String> page =
                http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"").contains("Robin.Doe@example.org");
        assertThat(row("robin.doe@example.org")).contains(",pending,");

        HttpResponse<String> confirmed = post(link, "");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Subscribed");
        assertThat(row("robin.doe@example.org"))
                .matches("Robin\\.Doe@example\\.org,Robin Doe,active,[0-9TZ:-]+,,CMU,form,[0-9TZ:-]+");
        MimeMessage welcome = awaitMail(2)[1];
        assertThat(welcome.getSubject()).isEqualTo("Welcome to The PDL Packet");
        assertThat(GreenMailUtil.getBody(welcome)).contains("Dear Robin Doe,");
        assertThat(welcome.getHeader("List-Unsubscribe")).isNotNull();

        String listBefore = sample.read(SampleProject.LIST_FILE);
        assertThat(post(link, "").statusCode())
                .as("confirming twice is harmless")
                .isEqualTo(200);
        assertThat(sample.read(SampleProject.LIST_FILE)).isEqualTo(listBefore);
        assertThat(sample.read("var/deliveries/_signup/pdl-packet.jsonl")).contains("\"accepted\"");
    }

    @Test
    void confirmationMailsAreDkimSignedWhenTheConfigSaysSo() throws Exception {
        sample = SampleProject.copyTo(dir);
        SampleProject.Run keygen = sample.run(Map.of(), "dkim", "keygen", "--selector", "packet");
        assertThat(keygen.code()).as(keygen.err()).isZero();
        sample.useRelay(SMTP.getSmtp().getPort());
        sample.append(
                "config/newsletter.yaml",
                "\ndkim:\n  domain: pdl.example.org\n  selector: packet\n  privateKey: config/dkim-packet.pem\n"
                        + "signup:\n  lists: [pdl-packet]\n");
        server = UnsubscribeEndpoint.start(
                ConfigLoader.load(sample.config()), new HttpSettings(0, "127.0.0.1"), ENV, Clock.systemUTC(), log);

        subscribe("email=signed%40example.org");

        MimeMessage mail = awaitMail(1)[0];
        assertThat(mail.getHeader("DKIM-Signature")).singleElement().asString().contains("d=pdl.example.org");
    }

    @Test
    void answersAlikeForNewActivePendingBouncedHoneypotAndUnknownListAddresses() throws Exception {
        start();
        List<String> forms = List.of(
                "email=somebody.new%40example.org",
                "email=ana.lima%40example.org",
                "email=ANA.LIMA%40EXAMPLE.ORG",
                "email=new.reader%40example.org",
                "email=tomas.berg%40example.org",
                "email=li.wei%40example.org",
                "email=bot%40example.org&website=http%3A%2F%2Fspam.example",
                "email=other%40example.org&list=secret-list");

        List<HttpResponse<String>> answers = forms.stream().map(this::subscribe).toList();

        HttpResponse<String> first = answers.get(0);
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(first.statusCode());
            assertThat(answer.body()).isEqualTo(first.body());
        }
        // new, pending, unsubscribed: a confirmation; active, bounced, honeypot, unknown list: none
        subscribe("email=last%40example.org");
        MimeMessage[] mails = awaitMail(4);
        assertThat(Arrays.stream(mails).map(SignupEndpointIT::to))
                .containsExactly(
                        "somebody.new@example.org", "new.reader@example.org", "li.wei@example.org", "last@example.org");
        assertThat(sample.read(SampleProject.LIST_FILE))
                .doesNotContain("bot@example.org")
                .doesNotContain("other@example.org")
                .contains("li.wei@example.org,Li Wei,unsubscribed,");
    }

    @Test
    void anUnsubscribedPersonComesBackOnlyByConfirming() throws Exception {
        start();
        subscribe("email=li.wei%40example.org");
        URI link = local(confirmLink(awaitMail(1)[0]));
        assertThat(row("li.wei@example.org")).contains(",unsubscribed,");
        assertThat(sample.read(SampleProject.SUPPRESSED_FILE)).contains("li.wei@example.org");

        assertThat(post(link, "").statusCode()).isEqualTo(200);

        assertThat(row("li.wei@example.org")).contains(",active,");
        assertThat(sample.read(SampleProject.SUPPRESSED_FILE)).doesNotContain("li.wei@example.org");
    }

    @Test
    void aConfirmationLinkFromBeforeAnUnsubscribeDoesNotSubscribeAgain() throws Exception {
        start();
        subscribe("email=robin%40example.org");
        URI link = local(confirmLink(awaitMail(1)[0]));
        assertThat(post(link, "").statusCode()).isEqualTo(200);
        MimeMessage welcome = awaitMail(2)[1];
        String unsubscribe = welcome.getHeader("List-Unsubscribe")[0].replaceAll("(?s)^<([^>]+)>.*$", "$1");
        assertThat(post(local(unsubscribe), "List-Unsubscribe=One-Click").statusCode())
                .isEqualTo(200);
        assertThat(row("robin@example.org")).contains(",unsubscribed,");
        String list = sample.read(SampleProject.LIST_FILE);
        String suppressed = sample.read(SampleProject.SUPPRESSED_FILE);

        HttpResponse<String> replay = post(link, "");

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("sign up again");
        assertThat(sample.read(SampleProject.LIST_FILE)).isEqualTo(list);
        assertThat(sample.read(SampleProject.SUPPRESSED_FILE)).isEqualTo(suppressed);
    }

    @Test
    void aQuotedSpellingOfAKnownAddressIsTheSameMailbox() throws Exception {
        start();
        String before = sample.read(SampleProject.LIST_FILE);

        subscribe("email=%22tomas.berg%22%40example.org"); // bounced
        subscribe("email=%22ana.lima%22%40example.org"); // active
        subscribe("email=%22Tomas%5C.Berg%22%40Example.org"); // bounced, with a quoted pair
        subscribe("email=marker%40example.org");

        MimeMessage[] mails = awaitMail(1);
        assertThat(Arrays.stream(mails).map(SignupEndpointIT::to)).containsExactly("marker@example.org");
        assertThat(sample.read(SampleProject.LIST_FILE)).startsWith(before).doesNotContain("\"\"");
    }

    @Test
    void aConfirmationAndAnUnsubscribeAtOnceLeaveThePersonUnsubscribedWhicheverComesFirst() throws Exception {
        start();
        int rounds = 6;
        for (int i = 0; i < rounds; i++) {
            subscribe("email=racer" + i + "%40example.org");
        }
        MimeMessage[] mails = awaitMail(rounds);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (MimeMessage mail : mails) {
                URI confirm = local(confirmLink(mail));
                URI unsubscribe = local(mail.getHeader("List-Unsubscribe")[0].replaceAll("(?s)^<([^>]+)>.*$", "$1"));
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                var confirming = pool.submit(() -> {
                    go.await();
                    return post(confirm, "").statusCode();
                });
                var leaving = pool.submit(() -> {
                    go.await();
                    return post(unsubscribe, "List-Unsubscribe=One-Click").statusCode();
                });
                go.countDown();
                assertThat(confirming.get()).isIn(200, 400);
                assertThat(leaving.get()).isEqualTo(200);
                String address = to(mail);
                assertThat(row(address)).as(address).contains(",unsubscribed,");
                assertThat(sample.read(SampleProject.SUPPRESSED_FILE))
                        .as(address)
                        .contains(address + ",");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forgedAlteredExpiredAndCrossListTokensChangeNothing() throws Exception {
        start();
        subscribe("email=robin%40example.org");
        String good = token(confirmLink(awaitMail(1)[0]));
        String before = sample.read(SampleProject.LIST_FILE);
        ConfirmTokens tokens = new ConfirmTokens(SECRET.getBytes(StandardCharsets.UTF_8));
        EmailAddress robin = EmailAddress.parse("robin@example.org");
        String expired = tokens.token("pdl-packet", robin, Instant.now().minusSeconds(60));
        String otherList = tokens.token("other-list", robin, Instant.now().plusSeconds(3600));
        String unsubscribeToken =
                new UnsubscribeTokens(SECRET.getBytes(StandardCharsets.UTF_8)).token("pdl-packet", robin);
        String forged = new ConfirmTokens("another secret, 16 bytes or more".getBytes(StandardCharsets.UTF_8))
                .token("pdl-packet", robin, Instant.now().plusSeconds(3600));
        String altered = alter(good);

        assertThat(confirm(forged).statusCode()).isEqualTo(403);
        assertThat(confirm(altered).statusCode()).isEqualTo(403);
        assertThat(confirm(otherList).statusCode()).isEqualTo(403);
        assertThat(confirm(unsubscribeToken).statusCode()).isEqualTo(403);
        assertThat(confirm("").statusCode()).isEqualTo(403);
        HttpResponse<String> late = confirm(expired);
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("expired");
        assertThat(sample.read(SampleProject.LIST_FILE)).isEqualTo(before);
    }

    @Test
    void atMostThreeConfirmationMailsPerAddressInAnySpelling() throws Exception {
        start();
        for (String spelling :
                List.of("robin%40example.org", "Robin%40Example.org", "ROBIN%40EXAMPLE.ORG", "robin%40EXAMPLE.org")) {
            assertThat(subscribe("email=" + spelling).statusCode()).isEqualTo(200);
        }
        subscribe("email=marker%40example.org");

        MimeMessage[] mails = awaitMail(4);
        assertThat(Arrays.stream(mails).map(m -> to(m).toLowerCase()))
                .containsExactly("robin@example.org", "robin@example.org", "robin@example.org", "marker@example.org");
        assertThat(sample.read(SampleProject.LIST_FILE).toLowerCase().split("robin@example.org", -1))
                .hasSize(2);
        assertThat(logged).anyMatch(line -> line.contains("signup.perAddressPerDay"));
    }

    @Test
    void signupsPerClientAddressAreLimited() throws Exception {
        start("  lists: [pdl-packet]\n  perIpPerHour: 3\n");

        List<Integer> statuses = List.of("a", "b", "c", "d").stream()
                .map(n -> subscribe("email=" + n + "%40example.org").statusCode())
                .toList();

        assertThat(statuses).containsExactly(200, 200, 200, 429);
        assertThat(sample.read(SampleProject.LIST_FILE)).doesNotContain("d@example.org");
    }

    @Test
    void lineBreaksBadAddressesAndHugeBodiesAreRefusedAndAddNothing() throws Exception {
        start();
        String before = sample.read(SampleProject.LIST_FILE);

        assertThat(subscribe("email=eve%40example.org&name=Eve%0D%0ABcc%3A+victim%40example.org")
                        .statusCode())
                .isEqualTo(400);
        assertThat(subscribe("email=eve%40example.org%0D%0ABcc%3A+x%40example.org")
                        .statusCode())
                .isEqualTo(400);
        assertThat(subscribe("email=alice%40-example.com").statusCode()).isEqualTo(400);
        assertThat(subscribe("email=eve%40example.org&affiliation=" + "x".repeat(20_000))
                        .statusCode())
                .isEqualTo(413);

        assertThat(sample.read(SampleProject.LIST_FILE)).isEqualTo(before);
    }

    @Test
    void aMultipartSignupWorksLikeAnUrlencodedOne() throws Exception {
        start();
        String boundary = "----signup7MA4YWxkTrZu0gW";
        String body =
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nmulti@example.org\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nMulti Part\r\n"
                        + "--" + boundary + "--\r\n";

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(url("/newsletter/subscribe"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(row("multi@example.org")).startsWith("multi@example.org,Multi Part,pending,");
    }

    @Test
    void aThankYouUrlGetsA303WhateverTheAddress() throws Exception {
        start("  lists: [pdl-packet]\n  thankYouUrl: https://pdl.example.org/thanks\n");

        HttpResponse<String> known = subscribe("email=ana.lima%40example.org");
        HttpResponse<String> unknown = subscribe("email=nobody%40example.org");

        for (HttpResponse<String> answer : List.of(known, unknown)) {
            assertThat(answer.statusCode()).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location")).hasValue("https://pdl.example.org/thanks");
        }
        assertThat(known.body()).isEqualTo(unknown.body());
    }

    @Test
    void withoutSignupConfigTheRoutesAre404() throws Exception {
        start(null);

        assertThat(subscribe("email=robin%40example.org").statusCode()).isEqualTo(404);
        assertThat(confirm("x.y").statusCode()).isEqualTo(404);
    }

    @Test
    void aTemplateErrorStopsTheStartWithItsFileAndLine() {
        sample = SampleProject.copyTo(dir);
        sample.useRelay(SMTP.getSmtp().getPort());
        sample.append("config/newsletter.yaml", "\nsignup:\n  lists: [pdl-packet]\n");
        sample.replace("templates/confirm.txt", "[(${links.confirm})]", "[(${links.confrim})]");
        Config config = ConfigLoader.load(sample.config());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UnsubscribeEndpoint.start(
                        config, new HttpSettings(0, "127.0.0.1"), ENV, Clock.systemUTC(), log))
                .isInstanceOfSatisfying(
                        dev.newsletter.input.InvalidInputException.class,
                        e -> assertThat(e.problems().get(0).toString())
                                .contains("confirm.txt")
                                .contains("links.confrim"));
    }

    @Test
    void aFormFieldTheListHasNoColumnForStopsTheStart() {
        sample = SampleProject.copyTo(dir);
        sample.useRelay(SMTP.getSmtp().getPort());
        sample.append("config/newsletter.yaml", "\nsignup:\n  lists: [pdl-packet]\n  fields: [department]\n");
        Config config = ConfigLoader.load(sample.config());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UnsubscribeEndpoint.start(
                        config, new HttpSettings(0, "127.0.0.1"), ENV, Clock.systemUTC(), log))
                .hasMessageContaining("pdl-packet.csv")
                .hasMessageContaining("'department'");
    }

    private HttpResponse<String> subscribe(String form) {
        try {
            return http.send(
                    HttpRequest.newBuilder(url("/newsletter/subscribe"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> confirm(String token) throws Exception {
        return post(url("/newsletter/confirm?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), "");
    }

    private HttpResponse<String> post(URI uri, String form) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** The link with the host of the test server instead of baseUrl's (what a reverse proxy does). */
    private URI local(String link) {
        return url(URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery());
    }

    private static String token(String link) {
        return java.net.URLDecoder.decode(link.substring(link.indexOf("?t=") + 3), StandardCharsets.UTF_8);
    }

    /** The token with one character of its payload changed. */
    private static String alter(String token) {
        char[] chars = token.toCharArray();
        chars[3] = chars[3] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    private static String confirmLink(MimeMessage message) {
        Matcher link = CONFIRM_LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
        assertThat(link.find()).as("a confirmation link in the mail").isTrue();
        return link.group(1);
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage[] awaitMail(int count) {
        assertThat(SMTP.waitForIncomingEmail(60_000, count))
                .as(count + " mails arrived")
                .isTrue();
        return SMTP.getReceivedMessages();
    }

    private String row(String email) {
        return sample.read(SampleProject.LIST_FILE)
                .lines()
                .filter(line -> line.toLowerCase().startsWith(email + ","))
                .findFirst()
                .orElse("(no row for " + email + ")");
    }
}
