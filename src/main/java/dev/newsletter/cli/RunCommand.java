package dev.newsletter.cli;

import dev.newsletter.app.UnsubscribeEndpoint;
import dev.newsletter.config.Config;
import dev.newsletter.config.HttpSettings;
import dev.newsletter.http.EndpointLog;
import dev.newsletter.http.EndpointUnavailableException;
import dev.newsletter.http.UnsubscribeServer;
import dev.newsletter.schedule.DaemonLog;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.schedule.quartz.Daemon;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the daemon: send on schedule, serve one-click unsubscribes.",
            "Fires the schedules of the config (schedules:) and the one-shot sends added with 'schedule"
                    + " add', each sent like 'send' does, and logs every firing. A missed firing runs once on"
                    + " start if within scheduler.misfireGrace, else it is skipped.",
            "SIGTERM or Ctrl-C stops it gracefully: no new firings, running sends finish the messages in"
                    + " flight (the rest goes out when a daemon runs again), then it exits 0. A second signal"
                    + " stops it at once (exit 1; messages in flight are resent next time).",
            "With http.port set it also serves the one-click unsubscribe endpoint (RFC 8058).",
            "With inbox: set it also polls that IMAP mailbox every inbox.interval, as 'inbox scan --apply'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter run",
            "  ./newsletter run --config /srv/newsletter/config/newsletter.yaml",
            "  ./newsletter run --http-only    (only the unsubscribe endpoint, http.port)",
            "  (systemd: deploy/newsletter.service;",
            "   clustered daemons: scheduler.store: postgres)",
            "",
            "Exit codes: 0 stopped gracefully; 1 the scheduler store failed, or a forced",
            "            stop; 2 could not start (bad config or schedule, or another",
            "            daemon runs for this project with the embedded or memory store)."
        })
final class RunCommand implements Callable<Integer> {
    private final Context context;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--http-only",
            description = "Serve only the one-click unsubscribe endpoint (http.port); fire no schedules.")
    boolean httpOnly;

    RunCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Config loaded = config.load();
        Output log = new Output(context);
        if (httpOnly && loaded.http().isEmpty()) {
            throw new CannotStartException("--http-only needs http.port in " + loaded.file());
        }
        Optional<UnsubscribeServer> endpoint;
        try {
            endpoint = loaded.http().map(http -> startEndpoint(loaded, http, log));
        } catch (EndpointUnavailableException e) {
            throw new CannotStartException(
                    e.getMessage()
                            + (e.portInUse()
                                    ? "; stop it, or set another http.port in "
                                    : "; set http.bind to an address of this host (127.0.0.1 behind a reverse proxy) in ")
                            + loaded.file(),
                    e);
        }
        try {
            return httpOnly ? serveUntilSignal(log) : runDaemon(loaded, log);
        } finally {
            endpoint.ifPresent(UnsubscribeServer::close);
        }
    }

    private UnsubscribeServer startEndpoint(Config loaded, HttpSettings http, Output log) {
        UnsubscribeServer server = UnsubscribeEndpoint.start(loaded, http, context.env(), context.clock(), log);
        log.info(
                "one-click unsubscribe endpoint listening on " + UnsubscribeServer.address(http.bind(), server.port()));
        return server;
    }

    private int serveUntilSignal(Output log) {
        CountDownLatch stop = new CountDownLatch(1);
        if (!Signals.handle(stop::countDown)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "endpoint-stop"));
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("stopped");
        return ExitCode.OK;
    }

    private int runDaemon(Config loaded, Output log) {
        SchedulerTuning tuning = SchedulerTuning.defaults().withQuartzOverrides(System.getProperties());
        Daemon daemon = Daemon.start(loaded, context.env(), context.clock(), log, tuning);
        AtomicInteger signals = new AtomicInteger();
        Runnable onSignal = () -> {
            if (signals.incrementAndGet() == 1) {
                Thread stopper = new Thread(() -> daemon.stop("SIGTERM or Ctrl-C"), "daemon-stop");
                // the signal dispatcher thread has no context class loader, and Quartz needs one
                stopper.setContextClassLoader(RunCommand.class.getClassLoader());
                stopper.start();
            } else {
                log.warn("second signal: stopping at once; messages in flight are in doubt and resent next time");
                Runtime.getRuntime().halt(ExitCode.INCOMPLETE);
            }
        };
        if (!Signals.handle(onSignal)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> daemon.stop("shutting down"), "daemon-stop"));
        }
        daemon.awaitStopped();
        return ExitCode.OK;
    }

    /**
     * SIGTERM and SIGINT handled by the daemon itself rather than by the JVM's shutdown, so that
     * the database and the log are still there while it stops gracefully, and the process then
     * exits normally with 0. {@code sun.misc.Signal} is reached reflectively: the compiler refuses
     * internal APIs, the JDK keeps this one for exactly this use.
     */
    static final class Signals {
        private Signals() {}

        /** Returns false when this JVM does not let us handle signals (then a shutdown hook does). */
        static boolean handle(Runnable action) {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
                Object handler = Proxy.newProxyInstance(
                        handlerType.getClassLoader(), new Class<?>[] {handlerType}, (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "handle" -> action.run();
                                case "hashCode" -> {
                                    return System.identityHashCode(proxy);
                                }
                                case "equals" -> {
                                    return proxy == args[0];
                                }
                                case "toString" -> {
                                    return "newsletter daemon signal handler";
                                }
                                default -> {
                                    // SignalHandler has no other methods
                                }
                            }
                            return null;
                        });
                Method handle = signal.getMethod("handle", signal, handlerType);
                for (String name : List.of("TERM", "INT")) {
                    handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
                }
                return true;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return false;
            }
        }
    }

    /**
     * The daemon's log as plain lines, each with a timestamp and a level: what it does on stdout,
     * what needs a look (skipped, failed, incomplete firings) on stderr. Under systemd both go to
     * the journal. The unsubscribe endpoint logs here too (every unsubscribe, every failure).
     */
    static final class Output implements DaemonLog, EndpointLog {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

        private final Context context;

        Output(Context context) {
            this.context = context;
        }

        @Override
        public void info(String message) {
            print(context.out(), "INFO ", message);
        }

        @Override
        public void warn(String message) {
            print(context.err(), "WARN ", message);
        }

        private void print(PrintWriter writer, String level, String message) {
            String line = TIME.format(OffsetDateTime.now(context.clock())) + " " + level + message;
            synchronized (writer) {
                writer.println(line);
                writer.flush();
            }
        }
    }
}
