package dev.newsletter.http;

import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The daemon's HTTP server: the one-click unsubscribe endpoint ({@link UnsubscribeHandler}) on
 * Jetty, with the {@link HttpLimits}. Jetty waits for every client on one selector thread, so an
 * idle or slow client holds a socket, not a thread: what it costs is capped per client and in all,
 * and timed out. One request per connection (no keep-alive), so each request has its own header
 * deadline.
 */
public final class UnsubscribeServer implements AutoCloseable {
    private static final int JETTY_THREADS = 16;

    private final Server server;
    private final ServerConnector connector;
    private final ClientConnections clients;
    private final ExecutorService workers;
    private final ExecutorService signupWorkers;
    private final Optional<SignupDesk> signups;

    private UnsubscribeServer(
            Server server,
            ServerConnector connector,
            ClientConnections clients,
            ExecutorService workers,
            ExecutorService signupWorkers,
            Optional<SignupDesk> signups) {
        this.server = server;
        this.connector = connector;
        this.clients = clients;
        this.workers = workers;
        this.signupWorkers = signupWorkers;
        this.signups = signups;
    }

    /**
     * Where and how to serve.
     *
     * @param bind the address to listen on
     * @param port the port; 0 for a free one
     * @param newsletterName shown on the pages
     * @param limits timeouts and caps
     * @param log where every unsubscribe and every failure is reported
     * @param site the static site to serve too ({@code http.site}), or null
     */
    public record Options(
            String bind, int port, String newsletterName, HttpLimits limits, EndpointLog log, SiteFolder site) {
        /** Without a site. */
        public Options(String bind, int port, String newsletterName, HttpLimits limits, EndpointLog log) {
            this(bind, port, newsletterName, limits, log, null);
        }
    }

    /** Starts listening on {@code bind:port} (port 0: a free port) with the default limits. */
    public static UnsubscribeServer start(
            String bind, int port, UnsubscribeTokens tokens, Unsubscriber unsubscriber, String newsletterName) {
        return start(
                new Options(bind, port, newsletterName, HttpLimits.defaults(), EndpointLog.slf4j()),
                tokens,
                unsubscriber);
    }

    /**
     * Starts listening.
     *
     * @throws EndpointUnavailableException if it cannot listen there (the port is in use)
     */
    public static UnsubscribeServer start(Options options, UnsubscribeTokens tokens, Unsubscriber unsubscriber) {
        return start(options, tokens, unsubscriber, Optional.empty());
    }

    /**
     * Starts listening, serving the signup routes too when {@code signups} is present (it is closed
     * with the server).
     *
     * @throws EndpointUnavailableException if it cannot listen there (the port is in use)
     */
    public static UnsubscribeServer start(
            Options options, UnsubscribeTokens tokens, Unsubscriber unsubscriber, Optional<SignupDesk> signups) {
        HttpLimits limits = options.limits();
        // Jetty's own threads: the selector, the acceptor, parsing and answering (none of it blocks)
        QueuedThreadPool jetty = new QueuedThreadPool(JETTY_THREADS, 2);
        jetty.setName("unsubscribe-http");
        jetty.setDaemon(true);
        ScheduledExecutorScheduler timer = new ScheduledExecutorScheduler("unsubscribe-http-timer", true);
        Server server = new Server(jetty, timer, null);
        ExecutorService workers = workers(limits, "unsubscribe-worker-");
        // signups rewrite a list each; on a pool of their own a flood of them never delays an unsubscribe
        ExecutorService signupWorkers =
                workers(limits.withWorkers(Math.max(2, limits.workers() / 4), limits.maxQueued()), "signup-worker-");

        HttpConfiguration http = new HttpConfiguration();
        http.setPersistentConnectionsEnabled(false);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(options.bind());
        connector.setPort(options.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        ClientConnections clients =
                new ClientConnections(limits.maxConnectionsPerClient(), limits.headerTimeout(), timer);
        connector.addBean(clients);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
        server.setErrorHandler(new PageErrors());
        server.setHandler(SiteHandler.around(
                options.site(),
                clients,
                new Routes(
                        new UnsubscribeHandler(tokens, unsubscriber, options, clients, workers),
                        signups.map(desk -> new SignupHandler(desk, limits, signupWorkers, options.log())),
                        clients)));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server, e);
            workers.shutdown();
            signupWorkers.shutdown();
            signups.ifPresent(SignupDesk::close);
            String where = address(options.bind(), options.port());
            BindException bind = bindFailure(e);
            boolean inUse = bind != null && String.valueOf(bind.getMessage()).contains("in use");
            String reason;
            if (inUse) {
                reason = "the port is in use (by another daemon or program)";
            } else if (bind != null || unresolved(e)) {
                reason = "it is not an address of this host";
            } else {
                reason = String.valueOf(e.getMessage());
            }
            throw new EndpointUnavailableException("cannot listen on " + where + ": " + reason, inUse, e);
        }
        return new UnsubscribeServer(server, connector, clients, workers, signupWorkers, signups);
    }

    /**
     * The pool that records unsubscribes (file locks, writes, fsync): {@code workers} threads that
     * end after a minute idle, and a queue of {@code maxQueued}; beyond it a request is refused (503)
     * rather than left waiting without bound.
     */
    private static ExecutorService workers(HttpLimits limits, String threadName) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                limits.workers(),
                limits.workers(),
                1,
                TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(limits.maxQueued()),
                runnable -> {
                    Thread thread = new Thread(runnable, threadName + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The per-client connection rules (for tests). */
    ClientConnections clients() {
        return clients;
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the HTTP endpoint", e);
        } finally {
            workers.shutdown();
            signupWorkers.shutdown();
            signups.ifPresent(SignupDesk::close);
        }
    }

    /** {@code host:port}, an IPv6 address in brackets ({@code [::1]:8080}). */
    public static String address(String bind, int port) {
        return (bind.indexOf(':') >= 0 ? "[" + bind + "]" : bind) + ":" + port;
    }

    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static BindException bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return bind;
            }
        }
        return null;
    }

    private static void stopQuietly(Server server, Exception cause) {
        try {
            server.stop();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    /** Errors Jetty answers itself (a malformed request, headers too large) get our page too. */
    private static final class PageErrors extends ErrorHandler {
        @Override
        protected void generateResponse(
                Request request, Response response, int code, String message, Throwable cause, Callback callback) {
            String reason = HttpStatus.getMessage(code);
            new Reply(response, callback)
                    .send(
                            code,
                            Pages.message(
                                    reason,
                                    code == HttpStatus.PAYLOAD_TOO_LARGE_413
                                            ? "The request is too large."
                                            : "The request could not be served (" + code + " " + reason + ")."));
        }
    }
}
