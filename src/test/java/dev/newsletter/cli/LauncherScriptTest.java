package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code newsletter} launcher script, run by bash against a stand-in {@code java} on the PATH that
 * writes down the arguments it was given, one per line: what the real JVM would be started with.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherScriptTest {
    @TempDir
    Path dir;

    private Path project;
    private Path bin;

    @BeforeEach
    void aBuiltProjectAndAStandInJava() throws IOException {
        project = Files.createDirectories(dir.resolve("project"));
        Files.copy(Path.of("newsletter"), project.resolve("newsletter"));
        Files.createDirectories(project.resolve("target"));
        Files.writeString(project.resolve("target/newsletter.jar"), "");
        bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"" + dir.resolve("args") + "\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> javaArgs(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", project.resolve("newsletter").toString(), "--version")
                .directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("NEWSLETTER_CDS", "off");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return Files.readAllLines(dir.resolve("args"));
    }

    @Test
    void javaOptionsWithQuotedSpacesReachTheJvmAsOneOptionEach() throws Exception {
        Files.writeString(dir.resolve("-Dglob=a file the shell could put in the star's place"), "");
        List<String> args =
                javaArgs(Map.of("NEWSLETTER_JAVA_OPTS", "-Xmx300m -Dmail.from=\"Ann Lee\" -Dpath='/a b/c' -Dglob=*"));

        assertThat(args)
                .containsSubsequence("-Xmx300m", "-Dmail.from=Ann Lee", "-Dpath=/a b/c", "-Dglob=*", "-jar")
                .endsWith("--version");
    }

    @Test
    void javaOptionsWithAQuoteLeftOpenAreRefusedInOneLine() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", project.resolve("newsletter").toString(), "--version")
                .directory(dir.toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("NEWSLETTER_CDS", "off");
        builder.environment().put("NEWSLETTER_JAVA_OPTS", "-Dmail.from=\"Ann Lee");
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(err).contains("NEWSLETTER_JAVA_OPTS").contains("quote");
        assertThat(dir.resolve("args")).doesNotExist();
    }

    @Test
    void plainJavaOptionsStillReachTheJvm() throws Exception {
        List<String> args = javaArgs(Map.of("NEWSLETTER_JAVA_OPTS", "  -XX:+UseG1GC   -Xmx1g "));

        assertThat(args).containsSubsequence("-XX:+UseG1GC", "-Xmx1g", "-jar").doesNotContain("-XX:+UseSerialGC", "");
        assertThat(javaArgs(Map.of())).contains("-XX:+UseSerialGC").doesNotContain("");
    }

    @Test
    void theJitOptionsComeBeforeTheUsersSoTheUserCanSetThemBack() throws Exception {
        List<String> args = javaArgs(Map.of("NEWSLETTER_JAVA_OPTS", "-XX:FreqInlineSize=325"));

        assertThat(args)
                .containsSubsequence(
                        "-XX:FreqInlineSize=100",
                        "-XX:InlineSmallCode=1000",
                        "-XX:Tier4InvocationThreshold=15000",
                        "-XX:Tier4CompileThreshold=30000",
                        "-XX:FreqInlineSize=325",
                        "-jar");
    }
}
