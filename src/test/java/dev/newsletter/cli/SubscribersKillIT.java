package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.subscriber.SubscriberFile;
import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer with SIGKILL ({@code destroyForcibly}) many times: at a random moment, just after it
 * starts writing a new version, or the instant the list changes on disk. After each kill it checks
 * that the list is valid and is the old version or the new one, never a mix: rows are only ever
 * appended whole (a batch of adds, or an import all at once), and every byte of the previous version
 * is still there.
 */
class SubscribersKillIT {
    private static final int BASE_ROWS = 20_000;
    private static final int IMPORT_ROWS = 20_000;
    private static final int ROUNDS = 12;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aKilledWriterLeavesTheOldFileOrTheNewOne() throws Exception {
        SampleProject project = SubscriberFiles.inSampleProject(dir);
        writeBaseList(project.listFile());
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> expected = emails(project.listFile());
        byte[] previous = Files.readAllBytes(project.listFile());
        int killedMidWrite = 0;
        int landed = 0;

        for (int round = 0; round < ROUNDS; round++) {
            boolean importing = round / 3 % 2 == 1;
            String prefix = (importing ? "imp-" : "loop-") + round;
            List<Path> leftovers = tempFiles(project.listFile());
            Process writer = importing
                    ? target(round, "import", writeImport(round, prefix).toString())
                    : target(round, "adds", prefix);
            awaitLine(writer, round, importing ? "ready" : "added 0");
            switch (round % 3) {
                case 0 -> writer.waitFor(random.nextInt(importing ? 2000 : 400), TimeUnit.MILLISECONDS);
                case 1 -> {
                    awaitNewTempFile(project.listFile(), leftovers, writer);
                    writer.waitFor(random.nextInt(importing ? 100 : 15), TimeUnit.MILLISECONDS);
                }
                default -> awaitChange(project.listFile(), writer);
            }
            writer.destroyForcibly();
            assertThat(writer.waitFor(1, TimeUnit.MINUTES)).isTrue();
            List<Path> left = tempFiles(project.listFile());
            left.removeAll(leftovers);
            boolean midWrite = !left.isEmpty();
            killedMidWrite += midWrite ? 1 : 0;

            byte[] now = Files.readAllBytes(project.listFile());
            String context = "round " + round + " (seed " + seed + ")";
            assertThat(now.length).as("%s: the list did not shrink", context).isGreaterThanOrEqualTo(previous.length);
            assertThat(Arrays.equals(previous, 0, previous.length, now, 0, previous.length))
                    .as("%s: the previous version is a prefix, byte for byte", context)
                    .isTrue();
            List<String> actual = emails(project.listFile());
            assertThat(actual.subList(0, expected.size())).as(context).isEqualTo(expected);
            List<String> added = actual.subList(expected.size(), actual.size());
            if (importing) {
                assertThat(added.size())
                        .as("%s: an import lands whole or not at all", context)
                        .isIn(0, IMPORT_ROWS);
            }
            for (int i = 0; i < added.size(); i++) {
                assertThat(added.get(i)).as(context).isEqualTo(prefix + "-" + i + "@example.org");
            }
            landed += added.isEmpty() ? 0 : 1;
            System.out.printf(
                    "kill round %d (%s): %d rows landed, killed mid-write: %b%n",
                    round, importing ? "import" : "adds", added.size(), midWrite);
            expected = actual;
            previous = now;
        }

        assertThat(killedMidWrite)
                .as("kills that left a temp file behind, i.e. landed mid-write")
                .isPositive();
        SampleProject.Run after = project.run("subscribers", "add", "after@example.org");
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(tempFiles(project.listFile()))
                .as("the next writer deletes what killed ones left")
                .isEmpty();
    }

    private Process target(int round, String mode, String argument) throws IOException {
        return SubscribersProcesses.start(
                dir.resolve("writer" + round + ".log"),
                SubscribersKillTarget.class.getName(),
                dir.resolve("config/newsletter.yaml").toString(),
                mode,
                argument);
    }

    /** Waits for the writer to print {@code line} (it polls the log; the writer runs meanwhile). */
    private void awaitLine(Process writer, int round, String line) throws Exception {
        Path log = dir.resolve("writer" + round + ".log");
        while (writer.isAlive()) {
            try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                if (lines.anyMatch(line::equals)) {
                    return;
                }
            }
            writer.waitFor(5, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("writer " + round + " ended early: " + Files.readString(log));
    }

    /** Spins until the writer starts writing a new version (a temp file that was not there before). */
    private static void awaitNewTempFile(Path list, List<Path> leftovers, Process writer) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writer.isAlive() && System.nanoTime() < deadline) {
            List<Path> now = tempFiles(list);
            now.removeAll(leftovers);
            if (!now.isEmpty()) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Spins until the list itself changes (the moment a new version is put in place), to kill right then. */
    private static void awaitChange(Path list, Process writer) throws IOException {
        BasicFileAttributes before = Files.readAttributes(list, BasicFileAttributes.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writer.isAlive() && System.nanoTime() < deadline) {
            BasicFileAttributes now = Files.readAttributes(list, BasicFileAttributes.class);
            if (now.size() != before.size()
                    || !now.fileKey().equals(before.fileKey())
                    || !now.lastModifiedTime().equals(before.lastModifiedTime())) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    private static List<Path> tempFiles(Path list) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(list.getParent(), ".pdl-packet.csv.*.tmp")) {
            files.forEach(found::add);
        }
        return found;
    }

    private static List<String> emails(Path list) {
        List<String> emails = new ArrayList<>();
        SubscriberFile.of(list).forEach(s -> emails.add(s.email().toString()));
        return emails;
    }

    private static void writeBaseList(Path list) throws IOException {
        try (OutputStream out = Files.newOutputStream(list)) {
            out.write(SubscriberFiles.LIST.getBytes(StandardCharsets.UTF_8));
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < BASE_ROWS; i++) {
                rows.append("base-")
                        .append(i)
                        .append("@example.org,\"Base, ")
                        .append(i)
                        .append("\",active,2024-09-02T10:15:00Z,a;b,Org ")
                        .append(i)
                        .append('\n');
            }
            out.write(rows.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private Path writeImport(int round, String prefix) throws IOException {
        Path file = dir.resolve("import" + round + ".csv");
        try (Stream<String> rows = java.util.stream.IntStream.range(0, IMPORT_ROWS)
                .mapToObj(i -> prefix + "-" + i + "@example.org;Imported " + i)) {
            Files.writeString(file, "email;name\n" + String.join("\n", rows.toList()) + "\n");
        }
        return file;
    }
}
