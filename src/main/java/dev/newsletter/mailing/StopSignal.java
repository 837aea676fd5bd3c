package dev.newsletter.mailing;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The request to stop a send gracefully, held in one place: made by whoever starts the send, given
 * to the {@link Mailing} that runs it, and set from any thread (a signal, the daemon's stop, the
 * capture server that cannot write). A stopped send takes no new recipients; messages in flight
 * finish and are journaled. The first reason wins; a stop before the run starts counts too.
 */
public final class StopSignal {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Set<Consumer<String>> listeners = ConcurrentHashMap.newKeySet();
    private volatile String reason;

    /** Asks the send to stop; later reasons are ignored. */
    public void stop(String why) {
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
        }
        stopped.countDown();
        listeners.forEach(listener -> listener.accept(why));
    }

    public boolean stopped() {
        return reason != null;
    }

    /** Why the send was asked to stop, once it was. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * Waits up to {@code duration}, returning early when the stop comes.
     *
     * @return whether the send was asked to stop
     */
    public boolean await(Duration duration) throws InterruptedException {
        return stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Tells {@code action} the reason when the stop comes, at once if it came already, until the
     * returned listening is closed: how a running {@link Mailing} wakes its queue.
     */
    Listening whenStopped(Consumer<String> action) {
        AtomicBoolean told = new AtomicBoolean();
        Consumer<String> once = why -> {
            if (told.compareAndSet(false, true)) {
                action.accept(why);
            }
        };
        listeners.add(once);
        reason().ifPresent(once);
        return () -> listeners.remove(once);
    }

    /** A listener's registration; closing it ends the listening. */
    interface Listening extends AutoCloseable {
        @Override
        void close();
    }
}
