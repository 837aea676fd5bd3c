package dev.newsletter.engine;

import static dev.newsletter.testing.SampleProject.ENV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.app.UnsubscribeEndpoint;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.config.HttpSettings;
import dev.newsletter.http.EndpointLog;
import dev.newsletter.http.UnsubscribeServer;
import dev.newsletter.schedule.Await;
import dev.newsletter.testing.SampleProject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A confirmation mail the relay defers (451) is retried with the configured backoff, like any message, and journaled. */
class SignupRetryIT {
    @TempDir
    Path dir;

    @Test
    void aGreylistedConfirmationIsRetriedUntilAccepted() throws Exception {
        ScriptedSmtpServer.Script greylisting = new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return seen <= 2
                        ? ScriptedSmtpServer.Reply.of(451, "4.7.1 scripted: greylisted, try again later")
                        : ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
            }
        };
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.start(greylisting)) {
            SampleProject sample = SampleProject.copyTo(dir);
            sample.useRelay(relay.port());
            sample.replace("config/newsletter.yaml", "initialBackoff: 2s", "initialBackoff: 10ms");
            sample.append("config/newsletter.yaml", "\nsignup:\n  lists: [pdl-packet]\n");
            try (UnsubscribeServer server = UnsubscribeEndpoint.start(
                    ConfigLoader.load(sample.config()),
                    new HttpSettings(0, "127.0.0.1"),
                    ENV,
                    Clock.systemUTC(),
                    EndpointLog.slf4j())) {
                HttpResponse<String> signup = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/subscribe"))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString("email=grey%40example.org"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(signup.statusCode()).isEqualTo(200);

                Await.until(
                        Duration.ofMinutes(1),
                        () -> relay.acceptedRecipients().contains("grey@example.org"),
                        () -> "the confirmation accepted after two deferrals");
            }
            assertThat(relay.count("RCPT TO")).isEqualTo(3);
            String journal = sample.read("var/deliveries/_signup/pdl-packet.jsonl");
            assertThat(journal.split("\"deferred\"", -1)).hasSize(3);
            assertThat(journal).contains("\"accepted\"");
        }
    }
}
