package dev.newsletter.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server that stops reading: the blocked write fails after the timeout instead of hanging forever. */
class WriteTimeoutIT {
    @Test
    void aWriteBlockedLongerThanTheTimeoutFails() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NoDelaySocketFactory factory = new NoDelaySocketFactory(Duration.ofMillis(300));
            try (Socket client = factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    Socket accepted = server.accept()) {
                assertThat(client.getTcpNoDelay()).isTrue();
                assertThat(accepted.isConnected()).isTrue();
                OutputStream out = client.getOutputStream();
                byte[] chunk = new byte[64 * 1024];
                long started = System.nanoTime();
                assertThatThrownBy(() -> {
                            for (int i = 0; i < 100_000; i++) {
                                out.write(chunk);
                            }
                        })
                        .isInstanceOf(SocketTimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
                assertThat(((WatchedSocket) client).timedOut()).isTrue();
            }
        }
    }

    @Test
    void writesThatProgressAreNeverCut() throws Exception {
        // The reader takes 256 KiB every 20 ms, so the whole transfer lasts well over the timeout
        // while no single write waits for more than about 20 ms: the timeout is per write, not per
        // message. The second of margin is for a reader thread a busy machine does not run at once.
        Duration timeout = Duration.ofSeconds(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NoDelaySocketFactory factory = new NoDelaySocketFactory(timeout);
            try (Socket client = factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    Socket accepted = server.accept()) {
                Thread reader = new Thread(() -> {
                    byte[] buffer = new byte[256 * 1024];
                    try (var in = accepted.getInputStream()) {
                        while (in.readNBytes(buffer, 0, buffer.length) > 0) {
                            Thread.sleep(20);
                        }
                    } catch (java.io.IOException e) {
                        // the client closed
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                reader.start();
                OutputStream out = client.getOutputStream();
                byte[] chunk = new byte[8 * 1024];
                long started = System.nanoTime();
                for (int i = 0; i < 4 * 1024; i++) { // 32 MiB: over 2 s at the reader's pace
                    out.write(chunk);
                }
                client.shutdownOutput();
                reader.join();
                assertThat(((WatchedSocket) client).timedOut()).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(timeout);
            }
        }
    }
}
