package dev.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signup:}: absent means no form; defaults 7d, 3 and 20; nonsense and unknown keys name their line. */
class SignupSettingsTest {
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

    @Test
    void absentMeansNoSignupAndTheDefaultsAreSevenDaysThreeMailsTwentySignups() throws IOException {
        assertThat(ConfigLoader.load(write("")).signup()).isEmpty();

        SignupSettings signup = ConfigLoader.load(write("signup:\n  lists: [main, news]\n"))
                .signup()
                .orElseThrow();

        assertThat(signup.defaultList()).isEqualTo("main");
        assertThat(signup.lists()).containsExactly("main", "news");
        assertThat(signup.fields()).isEmpty();
        assertThat(signup.thankYouUrl()).isEmpty();
        assertThat(signup.confirmWithin()).isEqualTo(Duration.ofDays(7));
        assertThat(signup.perAddressPerDay()).isEqualTo(3);
        assertThat(signup.perIpPerHour()).isEqualTo(20);
        assertThat(signup.trustProxy()).isFalse();
    }

    @Test
    void everyBadValueIsReportedAtOnceWithItsLine() throws IOException {
        Path file = write("""
                signup:
                  lists: [main, "../etc/passwd"]
                  fields: [name, Affiliation]
                  thankYouUrl: javascript:alert(1)
                  confirmWithin: 1s
                  perAddressPerDay: 0
                  perIpPerHour: 0
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.line() + " " + p.message())
                                .containsExactly(
                                        "8 list name '../etc/passwd' may only use letters, digits, '.', '_' and '-'",
                                        "9 'name' is filled by the form itself; signup.fields names extra columns only",
                                        "9 signup.fields must be column names in lower case (letters, digits, '_'), like affiliation",
                                        "10 signup.thankYouUrl must be an absolute http(s) URL",
                                        "11 signup.confirmWithin must be a time from 5m to 90d, like 7d (default 7d)",
                                        "12 signup.perAddressPerDay must be a number of mails from 1 to 100 (default 3)",
                                        "13 signup.perIpPerHour must be a number of signups from 1 to 100000 (default 20)"));
    }

    @Test
    void anUnknownKeyOrNoListIsRefused() throws IOException {
        Path typo = write("signup:\n  lists: [main]\n  perIpPerHuor: 4\n");
        assertThatThrownBy(() -> ConfigLoader.load(typo))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::message)
                                .anySatisfy(m -> assertThat(m).contains("perIpPerHuor")));

        Path none = write("signup:\n  lists: []\n");
        assertThatThrownBy(() -> ConfigLoader.load(none))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::message)
                                .isEqualTo(
                                        List.of(
                                                "signup.lists must name at least one list people may join (the first is the default)")));
    }
}
