package dev.newsletter.mailing;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recipients between the producer (streaming the list) and the workers: fresh ones in list
 * order, and ones set aside until a time (a 4xx waiting for its backoff, a domain over its rate).
 * Bounded: the producer waits while {@code capacity} recipients are queued, so memory does not grow
 * with the list. Workers take due set-aside recipients first, then fresh ones; a worker never
 * sleeps through another recipient's backoff.
 *
 * <p>The run is over when the producer is done, nothing is queued and no worker holds a
 * recipient (a worker may still set one aside); or at once on {@link #stop}, which also wakes every
 * {@link #pause}.
 */
final class WorkQueue<T> {
    private final int capacity;
    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    /** Takers wait here for an item (or the end of the run). */
    private final Condition available = lock.newCondition();
    /** The producer waits here for room. */
    private final Condition room = lock.newCondition();
    /** Pauses wait here for a stop. */
    private final Condition stopping = lock.newCondition();

    private final ArrayDeque<T> fresh = new ArrayDeque<>();
    private final PriorityQueue<Later<T>> later = new PriorityQueue<>();
    private long sequence;
    /** Items taken and not yet given back; read under the lock, changed without it. */
    private final java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();

    private final java.util.concurrent.atomic.AtomicInteger setAside = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean producerDone;
    private boolean producerWaiting;
    private boolean stopped;

    private record Later<T>(long due, long sequence, T item) implements Comparable<Later<T>> {
        @Override
        public int compareTo(Later<T> other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }

    WorkQueue(int capacity, Ticker ticker) {
        this.capacity = capacity;
        this.ticker = ticker;
    }

    /** Adds a fresh recipient, waiting while the queue is full; false when the run has stopped. */
    boolean put(T item) throws InterruptedException {
        lock.lock();
        try {
            while (!stopped && fresh.size() + later.size() >= capacity) {
                producerWaiting = true;
                room.await();
            }
            if (stopped) {
                return false;
            }
            fresh.add(item);
            available.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    void producerDone() {
        lock.lock();
        try {
            producerDone = true;
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next recipient to work on: a set-aside one that is due, else a fresh one; waits for
     * either. Null when the run is over or stopped. Every item taken must be given back through
     * {@link #finished} or {@link #setAside}.
     */
    T take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stopped) {
                    return null;
                }
                Later<T> head = later.peek();
                long now = ticker.nanoTime();
                if (head != null && head.due() <= now) {
                    later.poll();
                    setAside.decrementAndGet();
                    taken.incrementAndGet();
                    wakeProducer();
                    return head.item();
                }
                T item = fresh.poll();
                if (item != null) {
                    taken.incrementAndGet();
                    wakeProducer();
                    return item;
                }
                if (producerDone && head == null && taken.get() == 0) {
                    available.signalAll();
                    return null;
                }
                if (head != null) {
                    available.awaitNanos(head.due() - now);
                } else {
                    available.await();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wakes the waiting producer once the queue is down to half: one wake-up per many items, not a
     * futex round trip per item.
     */
    private void wakeProducer() {
        if (producerWaiting && fresh.size() + later.size() <= capacity / 2) {
            producerWaiting = false;
            room.signal();
        }
    }

    /** The worker is done with an item it took. */
    void finished() {
        if (taken.decrementAndGet() == 0 && producerDone) {
            lock.lock();
            try {
                available.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The worker gives an item it took back, to be taken again after {@code delayNanos}. */
    void setAside(T item, long delayNanos) {
        lock.lock();
        try {
            taken.decrementAndGet();
            setAside.incrementAndGet();
            later.add(new Later<>(ticker.nanoTime() + Math.max(0, delayNanos), sequence++, item));
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the run: takers get null, the producer stops, pauses end. Set-aside items are dropped. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            available.signalAll();
            room.signalAll();
            stopping.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean stopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** Recipients set aside for a retry or a domain's pace right now. */
    int setAsideCount() {
        return setAside.get();
    }

    /** Removes and returns the items still set aside (after the run ended). */
    java.util.List<T> drainSetAside() {
        lock.lock();
        try {
            java.util.List<T> items = new java.util.ArrayList<>();
            Later<T> next;
            while ((next = later.poll()) != null) {
                items.add(next.item());
            }
            setAside.set(0);
            return items;
        } finally {
            lock.unlock();
        }
    }

    /** Waits {@code nanos} (pacing, a connection's backoff) unless the run stops first; false if it did. */
    boolean pause(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long deadline = ticker.nanoTime() + nanos;
            while (!stopped) {
                long left = deadline - ticker.nanoTime();
                if (left <= 0) {
                    return true;
                }
                stopping.await(left, TimeUnit.NANOSECONDS);
            }
            return false;
        } finally {
            lock.unlock();
        }
    }
}
