package dev.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smtp.auth}, {@code smtp.oauth} and the clear-text rule, as read and checked from the config file. */
class SmtpLoginConfigTest {
    private static final String HEAD = """
            newsletter:
              name: N
              from: n@example.org
              list: main
              listId: n.example.org
              baseUrl: https://example.org/n
            smtp:
              mode: relay
            """;

    @TempDir
    Path dir;

    private Path write(String smtp) {
        try {
            Path file = dir.resolve("config/newsletter.yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, HEAD + smtp.indent(2));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String problems(String smtp) {
        Path file = write(smtp);
        return assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(InvalidInputException.class)
                .actual()
                .getMessage();
    }

    @Test
    void microsoft365ClientCredentialsFillsInTheTokenUrlAndScope() {
        Config config = ConfigLoader.load(write("""
                host: smtp.office365.com
                username: newsletter@contoso.example
                auth: xoauth2
                oauth:
                  provider: microsoft365
                  tenant: contoso.onmicrosoft.com
                  grant: client-credentials
                  clientId: 00000000-1111-2222-3333-444444444444
                """));

        OAuthSettings oauth = config.smtp().oauth();
        assertThat(config.smtp().auth()).isEqualTo(SmtpSettings.Auth.XOAUTH2);
        assertThat(oauth.effectiveTokenUrl())
                .isEqualTo("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
        assertThat(oauth.effectiveScope()).isEqualTo("https://outlook.office365.com/.default");
        assertThat(oauth.clientSecretEnv()).isEqualTo("NEWSLETTER_OAUTH_CLIENT_SECRET");
    }

    @Test
    void googleJwtBearerNeedsOnlyTheKeyFile() {
        Config config = ConfigLoader.load(write("""
                host: smtp.gmail.com
                username: newsletter@example.org
                auth: xoauth2
                oauth:
                  provider: google
                  grant: jwt-bearer
                  serviceAccountKey: config/service-account.json
                """));

        assertThat(config.smtp().oauth().effectiveScope()).isEqualTo("https://mail.google.com/");
    }

    @Test
    void passwordIsTheDefaultLogin() {
        Config config = ConfigLoader.load(write("host: smtp.example.org\n"));

        assertThat(config.smtp().auth()).isEqualTo(SmtpSettings.Auth.PASSWORD);
        assertThat(config.smtp().oauth()).isNull();
        assertThat(config.smtp().trustCertificate()).isEmpty();
    }

    @Test
    void xoauth2WithoutAnOauthSectionOrAMailboxIsReportedAtOnce() {
        assertThat(problems("""
                        host: smtp.office365.com
                        auth: xoauth2
                        """))
                .contains("smtp.username must name the mailbox")
                .contains("no smtp.oauth section");
    }

    @Test
    void everyMissingOauthKeyIsReported() {
        assertThat(problems("""
                        host: smtp.office365.com
                        username: news@contoso.example
                        auth: xoauth2
                        oauth:
                          provider: microsoft365
                          grant: refresh-token
                          clientSecretEnv: "not a name"
                        """))
                .contains("smtp.oauth.tenant")
                .contains("smtp.oauth.clientId")
                .contains("'not a name' is not an environment variable name");
    }

    @Test
    void aTokenUrlMustBeHttpsExceptOnThisMachine() {
        assertThat(problems("""
                        host: smtp.example.org
                        username: news@example.org
                        auth: xoauth2
                        oauth:
                          grant: client-credentials
                          tokenUrl: http://login.example.org/token
                          clientId: app
                          scope: s
                        """)).contains("must be an https URL");
        ConfigLoader.load(write("""
                host: smtp.example.org
                username: news@example.org
                auth: xoauth2
                oauth:
                  grant: client-credentials
                  tokenUrl: http://127.0.0.1:8080/token
                  clientId: app
                  scope: s
                """));
    }

    @Test
    void aPlainHttpTokenUrlToANameThatOnlyLooksLocalIsRefused() {
        for (String url : new String[] {
            "http://127.attacker.example/token", "http://127.0.0.1.nip.io/token", "http://token.localhost/token"
        }) {
            assertThat(problems("""
                            host: smtp.example.org
                            username: news@example.org
                            auth: xoauth2
                            oauth:
                              grant: client-credentials
                              tokenUrl: %s
                              clientId: app
                              scope: s
                            """.formatted(url))).as(url).contains("must be an https URL");
        }
    }

    @Test
    void aLoginOverPlainTextToANameThatOnlyLooksLocalIsRefused() {
        for (String host :
                new String[] {"127.0.0.1.nip.io", "mail.localhost", "127.1.2.300", "localhost.example.org"}) {
            assertThat(problems("host: \"" + host + "\"\ntls: none\nusername: editor\n"))
                    .as(host)
                    .contains("clear text");
        }
        ConfigLoader.load(write("host: 127.0.0.2\ntls: none\nusername: editor\n"));
    }

    @Test
    void anOauthSectionWithPasswordLoginIsAMistake() {
        assertThat(problems("""
                        host: smtp.example.org
                        oauth:
                          grant: client-credentials
                        """)).contains("smtp.oauth is only used with smtp.auth: xoauth2");
    }

    @Test
    void aLoginOverPlainTextIsOnlyAllowedToThisMachine() {
        assertThat(problems("""
                        host: smtp.example.org
                        tls: none
                        username: editor
                        """)).contains("smtp.tls is none").contains("clear text");
        for (String host : new String[] {"localhost", "127.0.0.1", "::1", "[::1]"}) {
            ConfigLoader.load(write("host: \"" + host + "\"\ntls: none\nusername: editor\n"));
        }
        ConfigLoader.load(write("host: smtp.example.org\ntls: none\n"));
    }

    @Test
    void aUserNameWithControlCharactersIsRefused() {
        assertThat(problems("host: smtp.example.org\nusername: \"news\\u0001auth=Bearer x\"\n"))
                .contains("smtp.username must not contain control characters");
    }
}
