package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    SubscribersProject project;
    private Path mounted;
    private Path immutable;

    @BeforeEach
    void setUp() throws Exception {
        project = SubscribersProject.in(dir);
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
        Files.move(project.list, realList);
        Files.move(project.suppressed, realSuppressed);
        Files.createSymbolicLink(project.list, Path.of("../shared/real-list.csv"));
        Files.createSymbolicLink(project.suppressed, realSuppressed);

        SubscribersProject.Result added = project.run("add", "sam@example.org");
        SubscribersProject.Result unsubscribed = project.run("unsubscribe", "ana.lima@example.org");

        assertThat(added.code()).isZero();
        assertThat(unsubscribed.code()).isZero();
        assertThat(Files.isSymbolicLink(project.list)).isTrue();
        assertThat(Files.isSymbolicLink(project.suppressed)).isTrue();
        assertThat(Files.readSymbolicLink(project.list)).isEqualTo(Path.of("../shared/real-list.csv"));
        assertThat(project.read(realList))
                .contains("\nsam@example.org,,active,")
                .contains("\nana.lima@example.org,Ana Lima,unsubscribed,");
        assertThat(project.read(realSuppressed)).contains("\nana.lima@example.org,");
        try (Stream<Path> files = Files.list(project.list.getParent())) {
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

        SubscribersProject.Result created = project.run("add", "ann@example.org", "--list", "alumni", "--create");

        assertThat(created.code()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(project.read(target)).contains("\nann@example.org,");
    }

    @Test
    void aDanglingOrLoopingLinkIsSaidToBeOneNotJustNoSuchList() throws Exception {
        Files.createSymbolicLink(dir.resolve("subscribers/gone.csv"), dir.resolve("elsewhere/gone.csv"));
        Files.createSymbolicLink(dir.resolve("subscribers/loop1.csv"), Path.of("loop2.csv"));
        Files.createSymbolicLink(dir.resolve("subscribers/loop2.csv"), Path.of("loop1.csv"));

        SubscribersProject.Result dangling = project.run("add", "sam@example.org", "--list", "gone");
        SubscribersProject.Result counted = project.run("count", "--list", "gone");
        SubscribersProject.Result looping = project.run("add", "sam@example.org", "--list", "loop1");

        assertOneLineExitTwo(dangling, "no such list: it is a link to " + dir.resolve("elsewhere/gone.csv"));
        assertOneLineExitTwo(counted, "which does not exist");
        assertOneLineExitTwo(looping, "no such list: it is a link that cannot be followed (Too many levels of");
    }

    @Test
    void refusesAReadOnlyListInsteadOfReplacingIt() throws Exception {
        Files.setPosixFilePermissions(project.list, PosixFilePermissions.fromString("r--r--r--"));

        SubscribersProject.Result refused = project.run("add", "sam@example.org");

        assertOneLineExitTwo(refused, "pdl-packet.csv: the file is read-only (r--r--r--), so it was not changed;");
        assertThat(refused.err()).contains("chmod u+w");
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(project.list)))
                .isEqualTo("r--r--r--");
    }

    @Test
    void refusesAReadOnlySuppressionListAndChangesNeitherFile() throws Exception {
        Files.setPosixFilePermissions(project.suppressed, PosixFilePermissions.fromString("r--r-----"));

        SubscribersProject.Result refused = project.run("unsubscribe", "ana.lima@example.org");

        assertOneLineExitTwo(refused, "suppressed.csv: the file is read-only (r--r-----), so it was not changed;");
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);
        assertThat(project.read(project.suppressed)).isEqualTo(SubscribersProject.SUPPRESSED);
    }

    @Test
    void aSuppressionListThatIsAFolderIsOneClearLine() throws Exception {
        Files.delete(project.suppressed);
        Files.createDirectories(project.suppressed);

        SubscribersProject.Result add = project.run("add", "sam@example.org");
        SubscribersProject.Result unsubscribe = project.run("unsubscribe", "ana.lima@example.org");
        SubscribersProject.Result count = project.run("count");

        for (SubscribersProject.Result result : List.of(add, unsubscribe, count)) {
            assertOneLineExitTwo(result, "suppressed.csv: this is a folder, not a file;");
        }
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // before the fix: hung on open
    void aSuppressionListOrListThatIsANamedPipeIsOneClearLineNotAHang() throws Exception {
        Files.delete(project.suppressed);
        assumeTrue(command("mkfifo", project.suppressed.toString()), "mkfifo is not available");
        Path pipedList = dir.resolve("subscribers/piped.csv");
        assumeTrue(command("mkfifo", pipedList.toString()), "mkfifo is not available");

        SubscribersProject.Result add = project.run("add", "sam@example.org");
        SubscribersProject.Result count = project.run("count");
        SubscribersProject.Result lint = project.run("lint", "--list", "piped");

        for (SubscribersProject.Result result : List.of(add, count)) {
            assertOneLineExitTwo(result, "suppressed.csv: this is a named pipe (FIFO), not a regular file;");
        }
        assertThat(lint.code()).isEqualTo(2);
        assertThat(lint.err() + lint.out())
                .contains("piped.csv: error: this is a named pipe (FIFO), not a regular file;");
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void importingFromANamedPipeIsOneClearLineNotAHang() throws Exception {
        Path pipe = dir.resolve("incoming.csv");
        assumeTrue(command("mkfifo", pipe.toString()), "mkfifo is not available");

        SubscribersProject.Result imported = project.run("import", pipe.toString());

        assertOneLineExitTwo(imported, "incoming.csv: this is a named pipe (FIFO), not a regular file;");
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);
    }

    @Test
    void theSuppressionListIsNotTakenForASubscriberListByNameOrThroughALink() throws Exception {
        Files.createSymbolicLink(dir.resolve("subscribers/alias.csv"), Path.of("suppressed.csv"));

        for (String list : List.of("suppressed", "alias")) {
            for (String[] args : List.of(
                    new String[] {"unsubscribe", "li.wei@example.org", "--list", list},
                    new String[] {"add", "sam@example.org", "--list", list},
                    new String[] {"lint", "--list", list},
                    new String[] {"count", "--list", list})) {
                SubscribersProject.Result refused = project.run(args);

                assertOneLineExitTwo(refused, "is the suppression list, not a subscriber list;");
            }
        }
        assertThat(project.read(project.suppressed)).isEqualTo(SubscribersProject.SUPPRESSED);
    }

    @Test
    void anImmutableListIsOneClearLineAndStaysAsItWas() throws Exception {
        assumeTrue(
                command("chattr", "+i", project.list.toString()),
                "chattr +i needs root on a file system with attributes");
        immutable = project.list;

        SubscribersProject.Result refused = project.run("remove", "ana.lima@example.org");

        assertOneLineExitTwo(refused, "pdl-packet.csv: this user may not write the file (rw-r--r--, owner ");
        assertThat(refused.err()).contains("lsattr");
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);
    }

    @Test
    void aFullDiskIsOneClearLineAndLeavesTheListAndNoTempFile() throws Exception {
        Path folder = project.list.getParent();
        assumeTrue(
                command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.toString()), "mounting needs root");
        mounted = folder;
        Files.writeString(project.list, SubscribersProject.LIST);
        Files.writeString(project.suppressed, SubscribersProject.SUPPRESSED);
        fill(folder.resolve("filler"));

        SubscribersProject.Result refused = project.run("add", "sam@example.org");

        assertOneLineExitTwo(refused, "pdl-packet.csv: the disk is full; free some space and run the command again");
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);
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
        Files.writeString(realList, SubscribersProject.LIST);
        Files.delete(project.list);
        Files.createSymbolicLink(project.list, realList);
        fill(folder.resolve("filler"));

        SubscribersProject.Result result = project.run("unsubscribe", "ana.lima@example.org");

        assertThat(result.code()).isEqualTo(1);
        assertThat(project.read(project.suppressed)).contains("\nana.lima@example.org,unsubscribed,");
        assertThat(project.read(realList)).isEqualTo(SubscribersProject.LIST);
        assertThat(result.out()).contains("added ana.lima@example.org to the suppression list");
        assertThat(result.err())
                .startsWith("warning: ")
                .contains("pdl-packet.csv: the disk is full")
                .contains("run the command again to mark the row unsubscribed")
                .doesNotContain("nothing was sent or changed")
                .doesNotContain("Exception");
    }

    private static void assertOneLineExitTwo(SubscribersProject.Result result, String line) {
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
