package dev.newsletter.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} warns in relay mode when nothing reads the bounces or the mailed unsubscribes. */
class ReturnMailChecksTest {
    @TempDir
    Path dir;

    @Test
    void relayWithoutAnInboxWarnsThatNobodyReadsBouncesOrMailedUnsubscribes() {
        List<CheckResult> results = check(relay(), false);

        assertThat(results)
                .extracting(CheckResult::name, CheckResult::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bounces", Severity.WARN),
                        org.assertj.core.groups.Tuple.tuple("unsubscribe-mailto", Severity.WARN));
        assertThat(results.get(0).message()).contains("no inbox is configured").contains("the From address");
        assertThat(results.get(1).message()).contains("mailto:unsubscribe@pdl.example.org");
    }

    @Test
    void theReturnPathIsNamedWhenThereIsOne() {
        SampleProject project = SampleProject.copyTo(dir);
        project.useRelay(2525);
        project.replace(
                "config/newsletter.yaml",
                "  maxErrors: 1000",
                "  maxErrors: 1000\n  returnPath: b+{token}@pdl.example.org");

        List<CheckResult> results = check(ConfigLoader.load(project.config()), false);

        assertThat(results.get(0).message()).contains("b+{token}@pdl.example.org");
    }

    @Test
    void relayWithAnInboxPassesAndSaysNothingAboutTheMailto() {
        List<CheckResult> results = check(relay(), true);

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.name()).isEqualTo("bounces");
            assertThat(result.severity()).isEqualTo(Severity.PASS);
        });
    }

    @Test
    void withoutAMailtoOnlyTheBouncesAreMentioned() {
        SampleProject project = SampleProject.copyTo(dir);
        project.useRelay(2525);
        project.replace("config/newsletter.yaml", "  mailto: unsubscribe@pdl.example.org\n", "");

        List<CheckResult> results = check(ConfigLoader.load(project.config()), false);

        assertThat(results).extracting(CheckResult::name).containsExactly("bounces");
    }

    @Test
    void captureModeSendsToNobodySoNothingComesBack() {
        Config capture = ConfigLoader.load(SampleProject.copyTo(dir).config());

        assertThat(check(capture, false)).isEmpty();
    }

    @Test
    void theCheckCommandShowsTheWarningInRelayMode() {
        SampleProject project = SampleProject.copyTo(dir);
        project.useRelay(2525);

        SampleProject.Run run = project.run(
                java.util.Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "0123456789abcdef0123456789abcdef"),
                "check",
                "issues/2024-fall.yaml");

        assertThat(run.out())
                .contains("bounces")
                .contains("no inbox is configured")
                .contains("unsubscribe-mailto");
    }

    private Config relay() {
        SampleProject project = SampleProject.copyTo(dir);
        project.useRelay(2525);
        return ConfigLoader.load(project.config());
    }

    private static List<CheckResult> check(Config config, boolean inbox) {
        List<CheckResult> results = new ArrayList<>();
        ReturnMailChecks.check(config, inbox, results);
        return results;
    }
}
