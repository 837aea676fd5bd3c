package dev.newsletter.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The embedded default: an SMTP server on a free loopback port that writes every message it
 * receives to a folder as an {@code .eml} file named after the recipient. The program sends to it
 * over real SMTP, through the same mailer as to a real relay.
 */
public final class CaptureServer implements AutoCloseable {
    private final SMTPServer server;
    private final Path folder;
    private final AtomicInteger received = new AtomicInteger();

    private CaptureServer(Path folder, int maxConnections) {
        this.folder = folder;
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
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
        CaptureServer capture = new CaptureServer(folder, maxConnections + 2);
        capture.server.start();
        return capture;
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

    private void store(String recipient, byte[] data) {
        String base = recipient.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._+-]", "_");
        try {
            Path temp = Files.createTempFile(folder, ".incoming-", ".tmp");
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
            throw new UncheckedIOException("cannot write a captured message to " + folder, e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
