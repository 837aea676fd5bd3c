package dev.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inbox:}: absent means no mailbox; TLS by default; every problem named with its line. */
class InboxSettingsTest {
    private static final String NEWSLETTER = """
            newsletter:
              name: N
              from: n@example.org
              list: main
              listId: n.example.org
              baseUrl: https://example.org/n
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("config/newsletter.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, NEWSLETTER + yaml);
        return file;
    }

    private List<String> problems(String yaml) throws IOException {
        Path file = write(yaml);
        List<String> problems = new java.util.ArrayList<>();
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> e.problems().forEach(p -> problems.add(p.line() + " " + p.message())));
        return problems;
    }

    @Test
    void absentMeansNoMailbox() throws IOException {
        assertThat(ConfigLoader.load(write("")).inbox()).isEmpty();
    }

    @Test
    void imapsOnPort993InboxEveryFiveMinutesUnlessSet() throws IOException {
        InboxSettings inbox = ConfigLoader.load(write("inbox:\n  host: imap.example.org\n  username: bounces\n"))
                .inbox()
                .orElseThrow();

        assertThat(inbox.tls()).isEqualTo(InboxSettings.Tls.TLS);
        assertThat(inbox.port()).isEqualTo(993);
        assertThat(inbox.folder()).isEqualTo("INBOX");
        assertThat(inbox.doneFolder()).isEqualTo("Processed");
        assertThat(inbox.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(inbox.passwordEnv()).isEqualTo("NEWSLETTER_INBOX_PASSWORD");
        assertThat(inbox.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(inbox.describe()).isEqualTo("imap.example.org:993 (IMAPS, user bounces)");

        InboxSettings starttls = ConfigLoader.load(
                        write("inbox:\n  host: imap.example.org\n  tls: starttls-required\n  username: b\n"
                                + "  folder: Bounces\n  doneFolder: Bounces/Done\n  interval: 1m\n"))
                .inbox()
                .orElseThrow();
        assertThat(starttls.port()).isEqualTo(143);
        assertThat(starttls.folder()).isEqualTo("Bounces");
        assertThat(starttls.doneFolder()).isEqualTo("Bounces/Done");
        assertThat(starttls.interval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void unknownKeysMissingKeysAndNonsenseAreEachNamedWithTheirLine() throws IOException {
        assertThat(problems("inbox:\n  host: imap.example.org\n  username: b\n  pasword: x\n"))
                .singleElement()
                .asString()
                .startsWith("10 ")
                .contains("pasword");
        assertThat(problems("inbox:\n  port: 0\n  interval: 1s\n  folder: Done\n  doneFolder: done\n"))
                .containsExactlyInAnyOrder(
                        "7 missing required key 'inbox.host'",
                        "8 inbox.port must be a port number from 1 to 65535",
                        "7 missing required key 'inbox.username'",
                        "11 inbox.doneFolder must differ from inbox.folder (Done): processed messages are moved out"
                                + " of the folder that is read",
                        "9 inbox.interval must be from 10s to 1d, like 5m (default 5m)");
        assertThat(problems("inbox:\n  host: imap.example.org\n  username: b\n  tls: plain\n"))
                .singleElement()
                .asString()
                .contains("tls");
    }

    @Test
    void tlsNoneIsOnlyAllowedToThisMachine() throws IOException {
        assertThat(problems("inbox:\n  host: imap.example.org\n  username: b\n  tls: none\n"))
                .singleElement()
                .asString()
                .contains("inbox.tls is none")
                .contains("clear text")
                .contains("imap.example.org");
        assertThat(ConfigLoader.load(write("inbox:\n  host: 127.0.0.1\n  username: b\n  tls: none\n"))
                        .inbox()
                        .orElseThrow()
                        .port())
                .isEqualTo(143);
    }

    @Test
    void xoauth2NeedsAnOauthSectionCheckedLikeSmtpOauth() throws IOException {
        assertThat(problems("inbox:\n  host: outlook.office365.com\n  username: b@example.org\n  auth: xoauth2\n"))
                .singleElement()
                .asString()
                .contains("inbox.auth is xoauth2 but there is no inbox.oauth section");
        assertThat(problems("inbox:\n  host: outlook.office365.com\n  username: b@example.org\n  auth: xoauth2\n"
                        + "  oauth:\n    provider: microsoft365\n    grant: refresh-token\n"))
                .anyMatch(p -> p.contains("inbox.oauth.provider is microsoft365: add inbox.oauth.tenant"))
                .anyMatch(p -> p.contains("inbox.oauth.clientId"));
        assertThat(problems("inbox:\n  host: imap.example.org\n  username: b\n  oauth:\n    grant: refresh-token\n"))
                .singleElement()
                .asString()
                .contains("inbox.oauth is only used with inbox.auth: xoauth2");
    }

    @Test
    void microsoft365WithARefreshTokenAsksForTheImapPermissionNotTheSmtpOne() throws IOException {
        InboxSettings inbox = ConfigLoader.load(
                        write("inbox:\n  host: outlook.office365.com\n  username: b@example.org\n  auth: xoauth2\n"
                                + "  oauth:\n    provider: microsoft365\n    tenant: contoso.onmicrosoft.com\n"
                                + "    grant: refresh-token\n    clientId: app\n"))
                .inbox()
                .orElseThrow();

        assertThat(inbox.imapOAuth().effectiveScope())
                .isEqualTo("https://outlook.office365.com/IMAP.AccessAsUser.All offline_access");
        assertThat(inbox.imapOAuth().effectiveTokenUrl())
                .isEqualTo("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
    }
}
