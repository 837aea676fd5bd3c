package dev.newsletter.preview;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The {@code preview} command's web server, on Jetty like the daemon's endpoint, listening on the
 * loopback address only ({@value #HOST}). It serves {@link PreviewHandler}'s pages, built by a
 * {@link PreviewBuilder} for the current version of the files a {@link ChangeWatch} keeps. It sends
 * nothing and writes nothing.
 */
public final class PreviewServer implements AutoCloseable {
    /** The only address it listens on. */
    public static final String HOST = "127.0.0.1";

    static final Duration SCAN_INTERVAL = Duration.ofMillis(250);

    private final Server server;
    private final ServerConnector connector;
    private final ChangeWatch watch;
    private final PreviewBuilder builder;
    private final String token;

    private PreviewServer(
            Server server, ServerConnector connector, ChangeWatch watch, PreviewBuilder builder, String token) {
        this.token = token;
        this.server = server;
        this.connector = connector;
        this.watch = watch;
        this.builder = builder;
    }

    /**
     * Starts serving the preview of {@code options.issueFile()}. The issue and config may be broken
     * (the page shows what is wrong), but they must exist.
     *
     * @throws InvalidInputException when the config or issue file does not exist, {@code
     *     --subscriber} is not on the list, or the port cannot be listened on
     */
    public static PreviewServer start(PreviewOptions options) {
        requireFile(options.configFile(), "the config");
        requireFile(options.issueFile(), "the issue");
        PreviewBuilder builder = new PreviewBuilder(options);
        builder.refuseUnknownSubscriber();
        ChangeWatch watch = ChangeWatch.start(roots(options), SCAN_INTERVAL);

        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("preview-http");
        threads.setDaemon(true);
        ScheduledExecutorScheduler timer = new ScheduledExecutorScheduler("preview-http-timer", true);
        Server server = new Server(threads, timer, null);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(HOST);
        connector.setPort(options.port());
        connector.setIdleTimeout(Duration.ofMinutes(1).toMillis());
        server.addConnector(connector);
        String token = token();
        server.setHandler(new PreviewHandler(builder, watch, timer, connector::getLocalPort, token));
        try {
            server.start();
        } catch (Exception e) {
            watch.close();
            try {
                server.stop();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            String reason = bindFailure(e) ? "the port is in use (or not ours to use)" : String.valueOf(e.getMessage());
            throw InvalidInputException.of(Problem.inFile(
                    Path.of("--port"), "cannot listen on " + HOST + ":" + options.port() + ": " + reason));
        }
        return new PreviewServer(server, connector, watch, builder, token);
    }

    /**
     * The folders whose files make the preview: the config's folder, the templates with their
     * fragments, the issue's folder with its pictures' subfolders, and the subscriber lists.
     */
    static List<ChangeWatch.Root> roots(PreviewOptions options) {
        Path project = options.projectDir();
        return List.of(
                new ChangeWatch.Root(
                        options.configFile().toAbsolutePath().normalize().getParent(), 1),
                new ChangeWatch.Root(project.resolve("templates"), 6),
                new ChangeWatch.Root(options.issue().getParent(), 6),
                new ChangeWatch.Root(project.resolve("subscribers"), 1));
    }

    /** The port it listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The page's address, {@code http://127.0.0.1:PORT/TOKEN/}; nothing is served outside {@code /TOKEN/}. */
    public String url() {
        return "http://" + HOST + ":" + port() + "/" + token + "/";
    }

    /** 128 random bits, URL-safe: the path segment every request must start with. */
    private static String token() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The version of the files it shows; goes up with every change seen. */
    public long version() {
        return watch.version();
    }

    /**
     * What stops the issue from showing now for the default subscriber, each as {@code
     * file:line:column: message}; empty when it shows. Builds the page's view (the first page is then
     * quick).
     */
    public List<String> problems() {
        return builder.view(watch.version(), null).problems();
    }

    /** Whether it listens on the loopback address only. */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(connector.getHost()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        watch.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the preview server", e);
        }
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.of(Problem.inFile(
                    file.toAbsolutePath().normalize(),
                    "no such file (" + what + "); run the command from the project folder, or check the path"));
        }
    }

    private static boolean bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
