package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.check.CheckResult;
import dev.newsletter.check.RelayLoginCheck;
import dev.newsletter.check.Severity;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.oauth.FakeTokenEndpoint;
import dev.newsletter.oauth.TestClock;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --online}'s {@code relay-login}: fetches a token, logs in, and says exactly what failed. */
class RelayLoginCheckIT {
    private static final String MAILBOX = "packet@pdl.example.org";
    private static final String SECRET = "check-secret-0123456789";

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final FakeTokenEndpoint endpoint =
            FakeTokenEndpoint.start(clock).client("app-1", SECRET, "https://outlook.office365.com/.default");
    private volatile String refusal = "";
    private final ScriptedSmtpServer relay = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
        @Override
        public ScriptedSmtpServer.Reply xoauth2(int connection, String user, String token) {
            if (user == null || (refusal.isEmpty() && user.equals(MAILBOX) && endpoint.valid(token))) {
                return ScriptedSmtpServer.Reply.of(235, "2.7.0 Authentication successful");
            }
            if (refusal.equals("drop")) {
                return ScriptedSmtpServer.Reply.dropConnection();
            }
            return ScriptedSmtpServer.Reply.of(
                    535,
                    refusal.isEmpty() ? "5.7.3 Authentication unsuccessful" : refusal.replace("TOKEN", "" + token));
        }
    });
    private SampleProject project;

    @BeforeEach
    void relayWithXoauth2() {
        project = SampleProject.copyTo(dir);
        project.useRelay(relay.port());
        project.replace(
                "config/newsletter.yaml",
                "  username: \"\"             # empty: no AUTH\n",
                "  username: " + MAILBOX + "\n  auth: xoauth2\n  oauth:\n    grant: client-credentials\n"
                        + "    tokenUrl: " + endpoint.url() + "\n    clientId: app-1\n"
                        + "    clientSecretEnv: OAUTH_SECRET\n"
                        + "    scope: https://outlook.office365.com/.default\n");
    }

    @AfterEach
    void stop() {
        relay.close();
        endpoint.close();
    }

    private CheckResult check(String secret) {
        Optional<CheckResult> result = RelayLoginCheck.of(
                ConfigLoader.load(project.config()), Map.of("OAUTH_SECRET", secret), clock, "pdl.example.org");
        assertThat(result).isPresent();
        return result.get();
    }

    @Test
    void fetchesATokenAndLogsIn() {
        CheckResult result = check(SECRET);

        assertThat(result.severity()).as(result.message()).isEqualTo(Severity.PASS);
        assertThat(result.message()).contains("logged in as " + MAILBOX).contains("XOAUTH2");
        assertThat(relay.count("AUTH XOAUTH2")).isEqualTo(1);
        assertThat(relay.count("MAIL FROM")).isZero();
    }

    @Test
    void aWrongSecretNamesTheTokenEndpointsError() {
        CheckResult result = check("wrong");

        assertThat(result.severity()).isEqualTo(Severity.FAIL);
        assertThat(result.message())
                .contains("invalid_client")
                .contains("OAUTH_SECRET")
                .doesNotContain(SECRET);
        assertThat(relay.connections()).isZero();
    }

    @Test
    void smtpAuthDisabledForTheMailboxSaysWhichSettingToChange() {
        refusal = "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.";

        CheckResult result = check(SECRET);

        assertThat(result.severity()).isEqualTo(Severity.FAIL);
        assertThat(result.message())
                .contains("SmtpClientAuthentication is disabled")
                .contains("Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false");
        assertThat(endpoint.issuedCount()).as("the first token and one refresh").isEqualTo(2);
    }

    @Test
    void aRelayThatEchoesTheTokenInItsRefusalDoesNotGetItIntoTheMessage() {
        refusal = "5.7.8 token TOKEN is not valid for this mailbox";

        CheckResult result = check(SECRET);

        assertThat(result.severity()).isEqualTo(Severity.FAIL);
        assertThat(endpoint.tokens()).hasSize(2);
        for (String token : endpoint.tokens()) {
            assertThat(result.message()).doesNotContain(token);
        }
        assertThat(result.message()).contains("5.7.8 token [token] is not valid");
    }

    @Test
    void aRelayThatHangsUpAfterThe334IsABrokenConnectionNotARefusal() {
        refusal = "drop";

        CheckResult result = check(SECRET);

        assertThat(result.severity()).isEqualTo(Severity.FAIL);
        assertThat(result.message()).doesNotContain("refused").contains("try again later");
    }

    @Test
    void captureModeHasNothingToLogInTo() {
        SampleProject capture = SampleProject.copyTo(dir.resolve("capture"));

        assertThat(RelayLoginCheck.of(ConfigLoader.load(capture.config()), Map.of(), clock, "pdl.example.org"))
                .isEmpty();
    }
}
