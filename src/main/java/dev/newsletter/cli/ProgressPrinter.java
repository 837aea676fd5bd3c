package dev.newsletter.cli;

import dev.newsletter.mailing.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a send prints while it runs: its notes, each on a line of its own, and its progress. On a
 * terminal the progress is one line rewritten in place (sent / total, rate, ETA, deferred,
 * rejected), ended before a note is printed; otherwise a plain line every ten seconds, fit for logs.
 */
final class ProgressPrinter implements Progress {
    private final PrintWriter out;
    private final boolean terminal;
    private final long intervalNanos;
    private final AtomicLong lastPrint = new AtomicLong(System.nanoTime());
    private volatile long total;
    private volatile long startNanos = System.nanoTime();
    private volatile boolean printed;

    ProgressPrinter(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = terminal ? 200_000_000L : 10_000_000_000L;
    }

    /** Starts showing the progress of a run to {@code recipients}. */
    Progress start(long recipients) {
        total = recipients;
        startNanos = System.nanoTime();
        lastPrint.set(startNanos);
        return this;
    }

    /** Prints a note of the send on its own line, below the progress line. */
    void note(String line) {
        finish();
        synchronized (out) {
            out.println(line);
        }
    }

    private volatile Snapshot last;

    @Override
    public void update(Snapshot s) {
        last = s;
        long now = System.nanoTime();
        long last = lastPrint.get();
        if (now - last < intervalNanos || !lastPrint.compareAndSet(last, now)) {
            return;
        }
        print(line(s, (now - startNanos) / 1e9));
    }

    /** The progress line: sent / to send in this run, rate, ETA, and what is not going well. */
    String line(Snapshot s, double seconds) {
        long toSend = Math.max(0, total - s.skipped());
        double rate = seconds > 0 ? s.done() / seconds : 0;
        long left = toSend - s.done();
        String eta = rate > 0 && left > 0 ? duration(left / rate) : "-";
        return String.format(
                Locale.ROOT,
                "sent %d/%d  %.1f msg/s  ETA %s  accepted %d  deferred %d  rejected %d  retrying %d%s",
                s.done(),
                toSend,
                rate,
                eta,
                s.accepted(),
                s.deferred() + s.failed(),
                s.rejected(),
                s.waiting(),
                s.skipped() > 0 ? "  (" + s.skipped() + " done before)" : "");
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private void print(String line) {
        synchronized (out) {
            if (terminal) {
                out.print("\r" + line + "   ");
            } else {
                out.println(line);
            }
            out.flush();
        }
        printed = true;
    }

    /** Shows the final state and ends the in-place line, before anything else is printed. */
    void finish() {
        Snapshot s = last;
        if (terminal && printed && s != null) {
            print(line(s, (System.nanoTime() - startNanos) / 1e9));
        }
        breakLine();
    }

    /** Ends the in-place line so another line can be printed below it. */
    private void breakLine() {
        synchronized (out) {
            if (terminal && printed) {
                out.println();
                out.flush();
                printed = false;
            }
        }
    }
}
