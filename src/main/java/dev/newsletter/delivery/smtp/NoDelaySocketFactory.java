package dev.newsletter.delivery.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY and a write timeout ({@link WatchedSocket}). Without NODELAY every
 * message waits ~40 ms on Nagle's algorithm and delayed ACKs (the body goes out in 8 KiB writes);
 * Angus has no property for it, but takes a {@link SocketFactory} instance under {@code
 * mail.smtp.socketFactory}. STARTTLS upgrades these sockets in place, so TLS keeps both.
 */
final class NoDelaySocketFactory extends SocketFactory {
    private final long writeTimeoutNanos;
    private final int connectTimeoutMillis;

    NoDelaySocketFactory(Duration timeout) {
        this.writeTimeoutNanos = timeout.toNanos();
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public Socket createSocket() throws IOException {
        return new WatchedSocket(writeTimeoutNanos);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        WatchedSocket socket = new WatchedSocket(writeTimeoutNanos);
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote, connectTimeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
