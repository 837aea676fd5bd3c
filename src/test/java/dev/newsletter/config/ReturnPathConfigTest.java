package dev.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sending.returnPath}: checked when the config is read, with the file, line and column of the key. */
class ReturnPathConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsATemplateIntoItsParts() {
        ReturnPathTemplate template = ReturnPathTemplate.parse("Bounces+{token}@PDL.Example.org");

        assertThat(template.prefix()).isEqualTo("Bounces+");
        assertThat(template.suffix()).isEmpty();
        assertThat(template.domain()).isEqualTo("pdl.example.org");
        assertThat(template.address("a".repeat(32)).toString())
                .isEqualTo("Bounces+" + "a".repeat(32) + "@pdl.example.org");
    }

    @Test
    void findsTheTokenInTheAddressInAnyCaseAndNothingInOtherAddresses() {
        ReturnPathTemplate template = ReturnPathTemplate.parse("bounces-{token}-x@pdl.example.org");
        String token = "abcdefghijklmnopqrstuvwxyz234567";

        assertThat(template.token("BOUNCES-" + token.toUpperCase() + "-X@PDL.EXAMPLE.ORG"))
                .contains(token);
        assertThat(template.token("bounces-" + token + "-x@other.example.org")).isEmpty();
        assertThat(template.token("bounces-" + token + "x-x@pdl.example.org")).isEmpty();
        assertThat(template.token("bounces@pdl.example.org")).isEmpty();
        assertThat(template.token(null)).isEmpty();
    }

    @Test
    void refusesTemplatesWithoutExactlyOneTokenInTheLocalPart() {
        assertThatThrownBy(() -> ReturnPathTemplate.parse("bounces@pdl.example.org"))
                .hasMessageContaining("exactly once");
        assertThatThrownBy(() -> ReturnPathTemplate.parse("{token}+{token}@pdl.example.org"))
                .hasMessageContaining("exactly once");
        assertThatThrownBy(() -> ReturnPathTemplate.parse("bounces@{token}.example.org"))
                .hasMessageContaining("sending.returnPath");
        assertThatThrownBy(() -> ReturnPathTemplate.parse("bounces {token}@pdl.example.org"))
                .hasMessageContaining("without spaces");
        assertThatThrownBy(() -> ReturnPathTemplate.parse("bounces..{token}@pdl.example.org"))
                .hasMessageContaining("not a valid address");
        assertThatThrownBy(() -> ReturnPathTemplate.parse("bounces+{token}@pdl.example.org\r\nBcc: all@example.org"))
                .hasMessageContaining("without spaces or control characters");
        assertThatThrownBy(() -> ReturnPathTemplate.parse("bounces+{token}"))
                .hasMessageContaining("not a valid address");
        assertThatThrownBy(() -> ReturnPathTemplate.parse("a-very-long-bounce-mailbox-name-x+{token}@pdl.example.org"))
                .hasMessageContaining("at most 64");
    }

    @Test
    void aBadTemplateIsOneLocatedProblemWhenTheConfigIsRead() {
        SampleProject project = SampleProject.copyTo(dir);
        project.replace(
                "config/newsletter.yaml",
                "  maxErrors: 1000",
                "  maxErrors: 1000\n  returnPath: bounces@pdl.example.org");

        assertThatThrownBy(() -> ConfigLoader.load(project.config()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).line()).isEqualTo(30);
                    assertThat(e.problems().get(0).column()).isPositive();
                })
                .hasMessageContaining("newsletter.yaml:30:")
                .hasMessageContaining("{token} exactly once");
    }

    @Test
    void theCommandLineSaysItInOneLineAndExits2() {
        SampleProject project = SampleProject.copyTo(dir);
        project.replace(
                "config/newsletter.yaml",
                "  maxErrors: 1000",
                "  maxErrors: 1000\n  returnPath: \"{token}{token}@pdl.example.org\"");

        SampleProject.Run run = project.run("check", "issues/2024-fall.yaml");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .contains("newsletter.yaml:30:3: sending.returnPath must hold {token} exactly once");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aGoodTemplateIsRead() {
        SampleProject project = SampleProject.copyTo(dir);
        project.replace(
                "config/newsletter.yaml",
                "  maxErrors: 1000",
                "  maxErrors: 1000\n  returnPath: bounces+{token}@pdl.example.org");

        Config config = ConfigLoader.load(project.config());

        assertThat(config.sending().returnPathTemplate())
                .hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("bounces+{token}@pdl.example.org"));
        assertThat(ConfigLoader.load(SampleProject.copyTo(dir.resolve("plain")).config())
                        .sending()
                        .returnPathTemplate())
                .isEmpty();
    }
}
