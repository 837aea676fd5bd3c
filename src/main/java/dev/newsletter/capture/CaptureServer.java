package dev.newsletter.capture;

import dev.newsletter.input.IoTrouble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The embedded default: an SMTP server on a free loopback port that writes every message it
 * receives to a folder as an {@code .eml} file named after the recipient. The program sends to it
 * over real SMTP, through the same mailer as to a real relay.
 *
 * <p>A message is written to {@code .incoming-<pid>-<random>.tmp} first and renamed when complete;
 * a process killed meanwhile (or a full disk) leaves the temp file, which the next server for the
 * folder deletes when that process is gone. When a message cannot be written, the sender gets
 * {@code 452} (try again later, so the recipient is not marked rejected) and {@code onFailure} is
 * told, once, in one line naming the folder and what to do.
 */
public final class CaptureServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureServer.class);
    private static final Pattern TEMP = Pattern.compile("\\.incoming-(?:(\\d+)-)?.*\\.tmp");

    private final SMTPServer server;
    private final Path folder;
    private final Consumer<String> onFailure;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicBoolean failed = new AtomicBoolean();

    private CaptureServer(Path folder, int maxConnections, Consumer<String> onFailure) {
        this.folder = folder;
        this.onFailure = onFailure;
        this.server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("capture.localhost")
                .softwareName("newsletter capture")
                .maxConnections(maxConnections)
                .connectionTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                .messageHandler((context, from, to, data) -> store(to, data))
                .build();
    }

    /** Starts a server that writes into {@code folder} (created if needed). */
    public static CaptureServer start(Path folder, int maxConnections) {
        return start(folder, maxConnections, reason -> {});
    }

    /**
     * Starts a server that writes into {@code folder} (created if needed, its leftover temp files
     * deleted) and tells {@code onFailure} when a message cannot be written.
     */
    public static CaptureServer start(Path folder, int maxConnections, Consumer<String> onFailure) {
        try {
            Files.createDirectories(folder);
            deleteLeftovers(folder);
            // can a message be written at all? better to know before the first one is sent
            Files.delete(Files.createTempFile(
                    folder, ".incoming-" + ProcessHandle.current().pid() + "-", ".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(IoTrouble.line("cannot use the outbox folder " + folder, e), e);
        }
        CaptureServer capture = new CaptureServer(folder, maxConnections + 2, onFailure);
        capture.server.start();
        return capture;
    }

    /** Deletes the temp files of processes that are gone (killed mid-message, or stopped by a full disk). */
    static void deleteLeftovers(Path folder) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, ".incoming-*.tmp")) {
            for (Path temp : temps) {
                Matcher name = TEMP.matcher(temp.getFileName().toString());
                boolean ownerAlive = name.matches()
                        && name.group(1) != null
                        && ProcessHandle.of(Long.parseLong(name.group(1)))
                                .map(ProcessHandle::isAlive)
                                .orElse(false);
                if (!ownerAlive) {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (NumberFormatException e) {
            LOG.debug("a temp file name with an impossible process id in {}", folder);
        }
    }

    public int port() {
        return server.getPortAllocated();
    }

    public Path folder() {
        return folder;
    }

    public int received() {
        return received.get();
    }

    private void store(String recipient, byte[] data) throws RejectException {
        String base = recipient.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._+-]", "_");
        Path temp = null;
        try {
            temp = Files.createTempFile(
                    folder, ".incoming-" + ProcessHandle.current().pid() + "-", ".tmp");
            Files.write(temp, data);
            synchronized (this) {
                Path target = folder.resolve(base + ".eml");
                for (int n = 2; Files.exists(target); n++) {
                    target = folder.resolve(base + "-" + n + ".eml");
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            received.incrementAndGet();
        } catch (IOException e) {
            deleteQuietly(temp);
            String why = IoTrouble.line("cannot write a captured message to the outbox " + folder, e);
            if (failed.compareAndSet(false, true)) {
                onFailure.accept(why);
            }
            throw new RejectException(452, "4.3.1 " + why.replaceAll("[\\r\\n]+", " "));
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", temp, e.toString());
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
