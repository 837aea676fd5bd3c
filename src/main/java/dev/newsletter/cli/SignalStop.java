package dev.newsletter.cli;

import dev.newsletter.mailing.StopSignal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Graceful stop on Ctrl-C or SIGTERM: the running send stops taking recipients, the messages in
 * flight finish and are journaled, the summary is printed, and the process exits 1 (the next
 * {@code send} continues where this one stopped).
 */
final class SignalStop {
    private static final long GRACE_SECONDS = 120;

    private SignalStop() {}

    /** Runs {@code body} (send and print); a signal meanwhile sets {@code stop}, which the send was given. */
    static int during(StopSignal stop, IntSupplier body) {
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean signalled = new AtomicBoolean();
        AtomicInteger code = new AtomicInteger(ExitCode.INCOMPLETE);
        Thread hook = new Thread(
                () -> {
                    signalled.set(true);
                    stop.stop("interrupted by a signal (Ctrl-C or SIGTERM); run send again to continue");
                    try {
                        finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    System.out.flush();
                    Runtime.getRuntime().halt(ExitCode.INCOMPLETE);
                },
                "graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            code.set(body.getAsInt());
            return code.get();
        } finally {
            finished.countDown();
            if (!signalled.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down: the hook decides the exit code
                }
            }
        }
    }
}
