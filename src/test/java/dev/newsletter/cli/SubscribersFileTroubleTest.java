package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code subscribers} commands do with list files that are links, read-only, folders, or on a
 * full disk (issue 11, items 7 and 8): write through a link to its target, and otherwise one clear
 * line naming the file and what to do, exit 2, the file unchanged, no stack trace.
 */
class SubscribersFileTroubleTest {
    @TempDir
    Path dir;

    SampleProject project;
    private Path mounted;
    private Path immutable;

    @BeforeEach
    void setUp() throws Exception {
        project = SubscriberFiles.inSampleProject(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (immutable != null) {
            command("chattr", "-i", "-a", immutable.toString());
        }
        if (mounted != null) {
            command("umount", "-l", mounted.toString());
        }
    }

    @Test
    void addAndUnsubscribeWriteThroughASymlinkedListToItsTarget() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path realList = shared.resolve("real-list.csv");
        Path realSuppressed = shared.resolve("real-suppressed.csv");
        Files.move(project.listFile(), realList);
        Files.move(project.suppressedFile(), realSuppressed);
        Files.createSymbolicLink(project.listFile(), Path.of("../shared/real-list.csv"));
        Files.createSymbolicLink(project.suppressedFile(), realSuppressed);

        SampleProject.Run added = project.run("subscribers", "add", "sam@example.org");
        SampleProject.Run unsubscribed = project.run("subscribers", "unsubscribe", "ana.lima@example.org");

        assertThat(added.code()).isZero();
        assertThat(unsubscribed.code()).isZero();
        assertThat(Files.isSymbolicLink(project.listFile())).isTrue();
        assertThat(Files.isSymbolicLink(project.suppressedFile())).isTrue();
        assertThat(Files.readSymbolicLink(project.listFile())).isEqualTo(Path.of("../shared/real-list.csv"));
        assertThat(project.read(realList))
                .contains("\nsam@example.org,,active,")
                .contains("\nana.lima@example.org,Ana Lima,unsubscribed,");
        assertThat(project.read(realSuppressed)).contains("\nana.lima@example.org,");
        try (Stream<Path> files = Files.list(project.listFile().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("pdl-packet.csv", "suppressed.csv");
        }
    }

    @Test
    void addCreatesTheTargetOfADanglingLink() throws Exception {
        Path target = dir.resolve("shared/alumni.csv");
        Files.createDirectories(target.getParent());
        Path link = dir.resolve("subscribers/alumni.csv");
        Files.createSymbolicLink(link, target);

        SampleProject.Run created =
                project.run("subscribers", "add", "ann@example.org", "--list", "alumni", "--create");

        assertThat(created.code()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(project.read(target)).contains("\nann@example.org,");
    }

    @Test
    void aDanglingOrLoopingLinkIsSaidToBeOneNotJustNoSuchList() throws Exception {
        Files.createSymbolicLink(dir.resolve("subscribers/gone.csv"), dir.resolve("elsewhere/gone.csv"));
        Files.createSymbolicLink(dir.resolve("subscribers/loop1.csv"), Path.of("loop2.csv"));
        Files.createSymbolicLink(dir.resolve("subscribers/loop2.csv"), Path.of("loop1.csv"));

        SampleProject.Run dangling = project.run("subscribers", "add", "sam@example.org", "--list", "gone");
        SampleProject.Run counted = project.run("subscribers", "count", "--list", "gone");
        SampleProject.Run looping = project.run("subscribers", "add", "sam@example.org", "--list", "loop1");

        assertOneLineExitTwo(dangling, "no such list: it is a link to " + dir.resolve("elsewhere/gone.csv"));
        assertOneLineExitTwo(counted, "which does not exist");
        assertOneLineExitTwo(looping, "no such list: it is a link that cannot be followed (Too many levels of");
    }

    @Test
    void refusesAReadOnlyListInsteadOfReplacingIt() throws Exception {
        Files.setPosixFilePermissions(project.listFile(), PosixFilePermissions.fromString("r--r--r--"));

        SampleProject.Run refused = project.run("subscribers", "add", "sam@example.org");

        assertOneLineExitTwo(refused, "pdl-packet.csv: the file is read-only (r--r--r--), so it was not changed;");
        assertThat(refused.err()).contains("chmod u+w");
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(project.listFile())))
                .isEqualTo("r--r--r--");
    }

    @Test
    void refusesAReadOnlySuppressionListAndChangesNeitherFile() throws Exception {
        Files.setPosixFilePermissions(project.suppressedFile(), PosixFilePermissions.fromString("r--r-----"));

        SampleProject.Run refused = project.run("subscribers", "unsubscribe", "ana.lima@example.org");

        assertOneLineExitTwo(refused, "suppressed.csv: the file is read-only (r--r-----), so it was not changed;");
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);
        assertThat(project.read(project.suppressedFile())).isEqualTo(SubscriberFiles.SUPPRESSED);
    }

    @Test
    void aSuppressionListThatIsAFolderIsOneClearLine() throws Exception {
        Files.delete(project.suppressedFile());
        Files.createDirectories(project.suppressedFile());

        SampleProject.Run add = project.run("subscribers", "add", "sam@example.org");
        SampleProject.Run unsubscribe = project.run("subscribers", "unsubscribe", "ana.lima@example.org");
        SampleProject.Run count = project.run("subscribers", "count");

        for (SampleProject.Run result : List.of(add, unsubscribe, count)) {
            assertOneLineExitTwo(result, "suppressed.csv: this is a folder, not a file;");
        }
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // before the fix: hung on open
    void aSuppressionListOrListThatIsANamedPipeIsOneClearLineNotAHang() throws Exception {
        Files.delete(project.suppressedFile());
        assumeTrue(command("mkfifo", project.suppressedFile().toString()), "mkfifo is not available");
        Path pipedList = dir.resolve("subscribers/piped.csv");
        assumeTrue(command("mkfifo", pipedList.toString()), "mkfifo is not available");

        SampleProject.Run add = project.run("subscribers", "add", "sam@example.org");
        SampleProject.Run count = project.run("subscribers", "count");
        SampleProject.Run lint = project.run("subscribers", "lint", "--list", "piped");

        for (SampleProject.Run result : List.of(add, count)) {
            assertOneLineExitTwo(result, "suppressed.csv: this is a named pipe (FIFO), not a regular file;");
        }
        assertThat(lint.code()).isEqualTo(2);
        assertThat(lint.err() + lint.out())
                .contains("piped.csv: error: this is a named pipe (FIFO), not a regular file;");
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void importingFromANamedPipeIsOneClearLineNotAHang() throws Exception {
        Path pipe = dir.resolve("incoming.csv");
        assumeTrue(command("mkfifo", pipe.toString()), "mkfifo is not available");

        SampleProject.Run imported = project.run("subscribers", "import", pipe.toString());

        assertOneLineExitTwo(imported, "incoming.csv: this is a named pipe (FIFO), not a regular file;");
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);
    }

    @Test
    void theSuppressionListIsNotTakenForASubscriberListByNameOrThroughALink() throws Exception {
        Files.createSymbolicLink(dir.resolve("subscribers/alias.csv"), Path.of("suppressed.csv"));

        for (String list : List.of("suppressed", "alias")) {
            for (String[] args : List.of(
                    new String[] {"subscribers", "unsubscribe", "li.wei@example.org", "--list", list},
                    new String[] {"subscribers", "add", "sam@example.org", "--list", list},
                    new String[] {"subscribers", "lint", "--list", list},
                    new String[] {"subscribers", "count", "--list", list})) {
                SampleProject.Run refused = project.run(args);

                assertOneLineExitTwo(refused, "is the suppression list, not a subscriber list;");
            }
        }
        assertThat(project.read(project.suppressedFile())).isEqualTo(SubscriberFiles.SUPPRESSED);
    }

    @Test
    void anImmutableListIsOneClearLineAndStaysAsItWas() throws Exception {
        assumeTrue(
                command("chattr", "+i", project.listFile().toString()),
                "chattr +i needs root on a file system with attributes");
        immutable = project.listFile();

        SampleProject.Run refused = project.run("subscribers", "remove", "ana.lima@example.org");

        assertOneLineExitTwo(refused, "pdl-packet.csv: this user may not write the file (rw-r--r--, owner ");
        assertThat(refused.err()).contains("lsattr");
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);
    }

    @Test
    void aFullDiskIsOneClearLineAndLeavesTheListAndNoTempFile() throws Exception {
        Path folder = project.listFile().getParent();
        assumeTrue(
                command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.toString()), "mounting needs root");
        mounted = folder;
        Files.writeString(project.listFile(), SubscriberFiles.LIST);
        Files.writeString(project.suppressedFile(), SubscriberFiles.SUPPRESSED);
        fill(folder.resolve("filler"));

        SampleProject.Run refused = project.run("subscribers", "add", "sam@example.org");

        assertOneLineExitTwo(refused, "pdl-packet.csv: the disk is full; free some space and run the command again");
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                    .isEmpty();
        }
    }

    /**
     * The suppression line is written first, so an unsubscribe holds even when the list then cannot be
     * written; the command must not say that nothing changed, as it did.
     */
    @Test
    void anUnsubscribeWhoseListCannotBeWrittenSaysTheAddressIsSuppressedAndExitsOne() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("full"));
        assumeTrue(
                command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.toString()), "mounting needs root");
        mounted = folder;
        Path realList = folder.resolve("pdl-packet.csv");
        Files.writeString(realList, SubscriberFiles.LIST);
        Files.delete(project.listFile());
        Files.createSymbolicLink(project.listFile(), realList);
        fill(folder.resolve("filler"));

        SampleProject.Run result = project.run("subscribers", "unsubscribe", "ana.lima@example.org");

        assertThat(result.code()).isEqualTo(1);
        assertThat(project.read(project.suppressedFile())).contains("\nana.lima@example.org,unsubscribed,");
        assertThat(project.read(realList)).isEqualTo(SubscriberFiles.LIST);
        assertThat(result.out()).contains("added ana.lima@example.org to the suppression list");
        assertThat(result.err())
                .startsWith("warning: ")
                .contains("pdl-packet.csv: the disk is full")
                .contains("run the command again to mark the row unsubscribed")
                .doesNotContain("nothing was sent or changed")
                .doesNotContain("Exception");
    }

    private static void assertOneLineExitTwo(SampleProject.Run result, String line) {
        assertThat(result.code()).isEqualTo(2);
        List<String> errors =
                result.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains(line);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[1024];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // The disk is full now.
        }
        assertThat(Files.exists(filler, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    private static boolean command(String... args) {
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
