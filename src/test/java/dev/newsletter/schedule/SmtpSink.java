package dev.newsletter.schedule;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An SMTP server on a free loopback port that accepts every message after a delay (so that a send
 * takes long enough to be stopped or killed in the middle) and counts, per recipient, how many
 * messages it received: duplicates show.
 */
public final class SmtpSink implements AutoCloseable {
    private final SMTPServer server;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    public SmtpSink(Duration delayPerMessage) {
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("sink.localhost")
                .maxConnections(20)
                .messageHandler((context, from, to, data) -> {
                    sleep(delayPerMessage);
                    received.computeIfAbsent(to.toLowerCase(java.util.Locale.ROOT), k -> new AtomicInteger())
                            .incrementAndGet();
                    total.incrementAndGet();
                })
                .build();
        server.start();
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** Messages received, duplicates included. */
    public int total() {
        return total.get();
    }

    /** Distinct recipients. */
    public int recipients() {
        return received.size();
    }

    /** How many recipients got more than one message. */
    public long duplicated() {
        return received.values().stream().filter(n -> n.get() > 1).count();
    }

    public int receivedBy(String address) {
        AtomicInteger n = received.get(address);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop();
    }
}
