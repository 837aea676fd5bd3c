package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which secret keys the Message-IDs of each command: a send and a render with the same secret give a
 * reader the same id (what {@code render} writes is what a send puts on the wire); without a secret
 * (capture mode) each run keys its ids with a random one, so they differ from run to run.
 */
class KeyedMessageIdsTest {
    private static final Pattern MESSAGE_ID =
            Pattern.compile("(?m)^Message-ID: (<2024-fall\\.[0-9a-f]{16}@pdl\\.example\\.org>)\\r?$");
    private static final Pattern JOURNALED = Pattern.compile(
            "\"email\":\"ana\\.lima@example\\.org\",\"messageId\":\"(<2024-fall\\.[0-9a-f]{16}@pdl\\.example\\.org>)\"");

    @TempDir
    Path dir;

    @Test
    void aRenderGivesTheIdASendWithTheSameSecretGives() {
        SampleProject project = SampleProject.copyTo(dir.resolve("project"));

        String rendered = renderedId(project, SampleProject.ENV);
        SampleProject.Run send = project.run(SampleProject.ENV, "send", "issues/2024-fall.yaml", "--yes");

        assertThat(send.code()).as(send.err()).isZero();
        Matcher journaled = JOURNALED.matcher(project.read("var/capture/2024-fall/pdl-packet.jsonl"));
        assertThat(journaled.find()).isTrue();
        assertThat(journaled.group(1)).isEqualTo(rendered);
        assertThat(renderedId(project, SampleProject.ENV)).isEqualTo(rendered);
        assertThat(renderedId(project, Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "another-secret-of-32-characters!")))
                .isNotEqualTo(rendered);
    }

    @Test
    void withoutASecretCaptureModeKeysEachRunsIdsWithARandomOne() {
        SampleProject project = SampleProject.copyTo(dir.resolve("project"));

        assertThat(renderedId(project, Map.of())).isNotEqualTo(renderedId(project, Map.of()));
    }

    /** The Message-ID of the .eml that {@code render} writes for the list's first reader (ana). */
    private static String renderedId(SampleProject project, Map<String, String> env) {
        SampleProject.Run render = project.run(env, "render", "issues/2024-fall.yaml");
        assertThat(render.code()).as(render.err()).isZero();
        String eml = render.out()
                .lines()
                .filter(line -> line.endsWith(".eml"))
                .findFirst()
                .orElseThrow();
        Matcher id = MESSAGE_ID.matcher(project.read(Path.of(eml)));
        assertThat(id.find()).as(eml).isTrue();
        return id.group(1);
    }
}
