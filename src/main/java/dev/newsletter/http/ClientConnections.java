package dev.newsletter.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two rules for every connection, kept as it opens and closes:
 *
 * <ul>
 *   <li>at most {@code perClient} open connections from one client address: a further one is closed
 *       as soon as it opens, so one client cannot take the sockets everyone else needs;
 *   <li>its request headers must have arrived {@code headerTimeout} after it opened, or it is closed.
 *       The idle timeout alone would let a client that sends one byte every few seconds hold a
 *       connection for ever. Connections carry one request each (no keep-alive), so this deadline
 *       covers every request.
 * </ul>
 *
 * <p>Behind a reverse proxy every connection comes from the proxy's address; a proxy buffers
 * requests before passing them on (nginx does by default), so it holds few connections at once.
 */
final class ClientConnections implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnections.class);

    private final int perClient;
    private final Duration headerTimeout;
    private final Scheduler scheduler;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Whom each counted connection is from, taken as it opens: a closed socket no longer says. */
    private final Map<Connection, InetAddress> clientOf = new ConcurrentHashMap<>();

    private final Map<Connection, Scheduler.Task> awaitingHeaders = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    ClientConnections(int perClient, Duration headerTimeout, Scheduler scheduler) {
        this.perClient = perClient;
        this.headerTimeout = headerTimeout;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = client(connection);
        if (client != null) {
            clientOf.put(connection, client);
        }
        if (client != null && open.merge(client, 1, Integer::sum) > perClient) {
            LOG.debug("closing a connection from {}: it has {} open already", client, perClient);
            refused.incrementAndGet();
            connection.getEndPoint().close();
            return;
        }
        awaitingHeaders.put(
                connection,
                scheduler.schedule(() -> headersTooLate(connection), headerTimeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The connection's request headers are complete: its header deadline no longer applies. */
    void headersArrived(Connection connection) {
        Scheduler.Task deadline = awaitingHeaders.remove(connection);
        if (deadline != null) {
            deadline.cancel();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        headersArrived(connection);
        InetAddress client = clientOf.remove(connection);
        if (client != null) {
            open.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** How many connections from {@code client} are open (for tests). */
    int openFrom(InetAddress client) {
        return open.getOrDefault(client, 0);
    }

    /** How many connections were closed for being over the cap (for tests). */
    long refused() {
        return refused.get();
    }

    private void headersTooLate(Connection connection) {
        if (awaitingHeaders.remove(connection) != null) {
            LOG.debug("closing a connection from {}: no request headers after {}", client(connection), headerTimeout);
            connection.getEndPoint().close();
        }
    }

    private static InetAddress client(Connection connection) {
        return connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress address
                ? address.getAddress()
                : null;
    }
}
