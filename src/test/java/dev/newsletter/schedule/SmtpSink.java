package dev.newsletter.schedule;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An SMTP server on a free loopback port that accepts every message after a delay (so that a send
 * takes long enough to be stopped or killed in the middle) and counts, per recipient, how many
 * messages it received: duplicates show.
 *
 * <p>{@link #holdAfter} makes it stop answering after a number of messages until the test calls
 * {@link #release}: a send is then certainly under way, and certainly not finished, whatever the
 * load on the machine (a delay alone only makes that likely).
 */
public final class SmtpSink implements AutoCloseable {
    private final SMTPServer server;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private volatile Hold hold;

    /** Messages to recipients that {@code matches} wait, after the first {@code free} of them, until released. */
    private record Hold(int free, Predicate<String> matches, AtomicInteger passed, CountDownLatch released) {}

    public SmtpSink(Duration delayPerMessage) {
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("sink.localhost")
                .maxConnections(20)
                .messageHandler((context, from, to, data) -> {
                    awaitRelease(to);
                    sleep(delayPerMessage);
                    received.computeIfAbsent(to.toLowerCase(java.util.Locale.ROOT), k -> new AtomicInteger())
                            .incrementAndGet();
                    total.incrementAndGet();
                })
                .build();
        server.start();
    }

    /**
     * From now on, every message after the next {@code free} ones waits before it is accepted (the
     * client waits for the reply to its final dot) until {@link #release}.
     */
    public void holdAfter(int free) {
        holdAfter(free, to -> true);
    }

    /** As {@link #holdAfter(int)}, counting and holding only messages to recipients that {@code matches}. */
    public void holdAfter(int free, Predicate<String> matches) {
        hold = new Hold(free, matches, new AtomicInteger(), new CountDownLatch(1));
    }

    /** Lets held messages through, and those after them. */
    public void release() {
        Hold current = hold;
        hold = null;
        if (current != null) {
            current.released().countDown();
        }
    }

    /** Messages waiting for {@link #release} now. */
    public int held() {
        return held.get();
    }

    private void awaitRelease(String to) {
        Hold current = hold;
        if (current == null || !current.matches().test(to) || current.passed().incrementAndGet() <= current.free()) {
            return;
        }
        held.incrementAndGet();
        try {
            // bounded only so that a test that forgets to release cannot hang the build
            current.released().await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
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
        release();
        server.stop();
    }
}
