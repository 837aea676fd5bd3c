package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.subscriber.SubscriberFile;
import dev.newsletter.subscriber.SuppressionList;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Twenty {@code subscribers add} processes at once (and a few unsubscribes): every change lands. */
class SubscribersConcurrencyIT {
    private static final int ADDS = 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twentyConcurrentAddsAllLand() throws Exception {
        SampleProject project = SubscriberFiles.inSampleProject(dir);
        List<String> unsubscribing =
                List.of("ana.lima@example.org", "zoe.mueller@example.org", "priya.raman@example.org");
        List<Process> processes = new ArrayList<>();

        for (int i = 0; i < ADDS; i++) {
            processes.add(cli(i, "add", "reader-" + i + "@example.org", "--name", "Reader " + i, "--tag", "load"));
        }
        for (int i = 0; i < unsubscribing.size(); i++) {
            processes.add(cli(ADDS + i, "unsubscribe", unsubscribing.get(i)));
        }
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            assertThat(process.waitFor(4, TimeUnit.MINUTES))
                    .as("process %d ended", i)
                    .isTrue();
            assertThat(process.exitValue())
                    .as("exit code of process %d: %s", i, Files.readString(dir.resolve("p" + i + ".log")))
                    .isZero();
        }

        List<Subscriber> subscribers = new ArrayList<>();
        SubscriberFile.of(project.listFile()).forEach(subscribers::add);
        assertThat(subscribers).hasSize(6 + ADDS);
        assertThat(subscribers.subList(6, subscribers.size()))
                .extracting(s -> s.email().toString())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, ADDS)
                        .mapToObj(i -> "reader-" + i + "@example.org")
                        .toList());
        assertThat(subscribers)
                .filteredOn(s -> unsubscribing.contains(s.email().toString()))
                .extracting(Subscriber::status)
                .containsOnly(Status.UNSUBSCRIBED);
        SuppressionList suppressed = SuppressionList.load(project.suppressedFile());
        assertThat(suppressed.size()).isEqualTo(1 + unsubscribing.size());
        String expectedHead = SubscriberFiles.LIST
                .replace("ana.lima@example.org,Ana Lima,active,", "ana.lima@example.org,Ana Lima,unsubscribed,")
                .replace(
                        "zoe.mueller@example.org,Zoë Müller,active,",
                        "zoe.mueller@example.org,Zoë Müller,unsubscribed,")
                .replace("PhD\",active,", "PhD\",unsubscribed,");
        assertThat(expectedHead).isNotEqualTo(SubscriberFiles.LIST);
        assertThat(project.read(project.listFile()))
                .as("untouched rows stay byte for byte")
                .startsWith(expectedHead);
        try (Stream<Path> files = Files.list(project.listFile().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private Process cli(int number, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("subscribers"));
        all.addAll(List.of(args));
        all.addAll(List.of("--config", dir.resolve("config/newsletter.yaml").toString()));
        return SubscribersProcesses.start(
                dir.resolve("p" + number + ".log"), Main.class.getName(), all.toArray(String[]::new));
    }
}
