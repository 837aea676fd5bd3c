package dev.newsletter.cli;

import dev.newsletter.mailing.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a long send: on a terminal, one line rewritten in place (sent / total, rate, ETA,
 * deferred, rejected); otherwise a plain line every ten seconds, fit for logs.
 */
final class ProgressPrinter implements Progress {
    private final PrintWriter out;
    private final boolean terminal;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final long intervalNanos;
    private final AtomicLong lastPrint = new AtomicLong(System.nanoTime());
    private volatile boolean printed;

    ProgressPrinter(PrintWriter out, boolean terminal, long total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.intervalNanos = terminal ? 200_000_000L : 10_000_000_000L;
    }

    @Override
    public void update(long done, long accepted, long deferred, long rejected) {
        long now = System.nanoTime();
        long last = lastPrint.get();
        if (now - last < intervalNanos || !lastPrint.compareAndSet(last, now)) {
            return;
        }
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 && total > done ? String.format(Locale.ROOT, "%.0f s", (total - done) / rate) : "-";
        String line = String.format(
                Locale.ROOT,
                "sent %d/%d  %.1f msg/s  ETA %s  deferred %d  rejected %d",
                done,
                total,
                rate,
                eta,
                deferred,
                rejected);
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

    /** Ends the in-place line before the summary is printed. */
    void finish() {
        if (terminal && printed) {
            out.println();
        }
    }
}
