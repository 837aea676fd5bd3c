package dev.newsletter.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Scores a message with the local SpamAssassin: {@code spamassassin -t -L} (test mode: report every
 * rule; local tests only, so nothing is looked up on the network and the message goes nowhere). It
 * takes a few seconds: it loads its whole rule set each time.
 */
public final class SpamAssassin implements SpamScorer {
    /** What a user runs to get it, on Debian and Ubuntu. */
    public static final String INSTALL = "sudo apt-get install spamassassin";

    private final Optional<Path> binary;
    private final Duration timeout;

    SpamAssassin(Optional<Path> binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** The {@code spamassassin} found on {@code path} (the PATH variable's value), if any. */
    public static SpamAssassin onPath(String path, Duration timeout) {
        Optional<Path> found = Optional.empty();
        for (String folder : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
            Path candidate = folder.isEmpty() ? null : Path.of(folder, "spamassassin");
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                found = Optional.of(candidate);
                break;
            }
        }
        return new SpamAssassin(found, timeout);
    }

    public boolean installed() {
        return binary.isPresent();
    }

    @Override
    public Optional<SpamScore> score(byte[] message) throws IOException {
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        Process process = new ProcessBuilder(binary.get().toString(), "-t", "-L")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(message);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("spamassassin did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("spamassassin exited with " + process.exitValue());
            }
            String report = new String(output.join(), StandardCharsets.UTF_8);
            return Optional.of(SpamScore.parse(report)
                    .orElseThrow(() -> new IOException("spamassassin printed no report (is it spamassassin?)")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while spamassassin ran", e);
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        } finally {
            process.destroyForcibly();
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (InputStream in = stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
