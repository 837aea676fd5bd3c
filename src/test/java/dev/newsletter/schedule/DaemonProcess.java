package dev.newsletter.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code newsletter run} in its own JVM, with the test's classpath, its output in a file. */
public final class DaemonProcess {
    private final Process process;
    private final Path log;

    private DaemonProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the daemon on {@code config}, with a short Quartz idle wait and misfire threshold,
     * plus {@code javaOptions} (such as {@code -Dorg.quartz.jobStore.clusterCheckinInterval=1000}).
     */
    public static DaemonProcess start(Path config, Path log, Map<String, String> env, String... javaOptions) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider",
                "-Dorg.quartz.scheduler.idleWaitTime=1000",
                "-Dorg.quartz.jobStore.misfireThreshold=1000"));
        command.addAll(List.of(javaOptions));
        command.addAll(List.of("dev.newsletter.cli.Main", "run", "--config", config.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            return new DaemonProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the daemon process", e);
        }
    }

    public Process process() {
        return process;
    }

    /** Everything it printed so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean printed(String fragment) {
        return output().contains(fragment);
    }

    /** SIGKILL, and wait for it to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
