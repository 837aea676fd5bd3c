package dev.newsletter.delivery.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A plain socket with TCP_NODELAY and a write timeout kept by one shared watchdog thread.
 *
 * <p>Sockets have no write timeout of their own. Angus' {@code mail.smtp.writetimeout} adds one by
 * scheduling a task on a per-connection executor around every write: two futex wake-ups per write,
 * which showed as most of the system time per message. Here a write only stores the time it began
 * in a volatile field; the watchdog looks at every open socket a few times per timeout and closes
 * one whose write has been blocked longer than the timeout (the server stopped reading), which
 * makes the blocked write fail like any broken connection.
 */
final class WatchedSocket extends Socket {
    private static final Set<WeakReference<WatchedSocket>> OPEN = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "smtp-write-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private static final long TICK_MILLIS = 100;

    static {
        WATCHDOG.scheduleWithFixedDelay(WatchedSocket::checkAll, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private final long timeoutNanos;
    private final WeakReference<WatchedSocket> self = new WeakReference<>(this);
    private volatile long writingSince;
    private volatile boolean timedOut;
    private OutputStream out;

    WatchedSocket(long timeoutNanos) throws IOException {
        this.timeoutNanos = timeoutNanos;
        setTcpNoDelay(true);
        OPEN.add(self);
    }

    /** Whether the watchdog closed this socket because a write was blocked too long. */
    boolean timedOut() {
        return timedOut;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = new Watched(super.getOutputStream());
        }
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        OPEN.remove(self);
        super.close();
    }

    private static void checkAll() {
        long now = System.nanoTime();
        for (WeakReference<WatchedSocket> ref : OPEN) {
            WatchedSocket socket = ref.get();
            if (socket == null) {
                OPEN.remove(ref);
            } else {
                socket.check(now);
            }
        }
    }

    private void check(long now) {
        long since = writingSince;
        if (since != 0 && now - since > timeoutNanos) {
            timedOut = true;
            try {
                close();
            } catch (IOException e) {
                // closing a stuck socket: nothing more to do
            }
        }
    }

    /** Marks the time each write begins; 0 while not writing. */
    private final class Watched extends FilterOutputStream {
        Watched(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            writingSince = System.nanoTime() | 1;
            try {
                out.write(b);
            } catch (IOException e) {
                throw timedOut ? new java.net.SocketTimeoutException("write timed out") : e;
            } finally {
                writingSince = 0;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writingSince = System.nanoTime() | 1;
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw timedOut ? new java.net.SocketTimeoutException("write timed out") : e;
            } finally {
                writingSince = 0;
            }
        }
    }
}
