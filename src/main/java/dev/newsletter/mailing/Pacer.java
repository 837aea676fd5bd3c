package dev.newsletter.mailing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Shared pacing for all workers of a run. Each worker asks {@link #reserve} before a message; the
 * answer is "go" (a slot was taken in every limit that applies) or how long to wait (nothing taken).
 *
 * <ul>
 *   <li>Per second and per domain: a smooth rate (GCRA): message n may go at start + n/rate, so no
 *       second ever sees more than the rate, and idle time is not saved up into a burst.
 *   <li>Per hour: a sliding window of 3,600 one-second counters, seeded from the journals so a
 *       restart never resets the quota.
 * </ul>
 *
 * A wait caused only by a domain limit is reported as such, so the worker can set that recipient
 * aside and send to another domain meanwhile.
 */
public final class Pacer {
    private static final long SECOND = 1_000_000_000L;

    private final Ticker ticker;
    private final Gcra global;
    private final long perHour;
    private final Map<String, Gcra> domains = new HashMap<>();
    private final int[] hour = new int[SendHistory.SECONDS];
    private long hourTotal;
    private long hourHead; // the second (ticker time / 1 s) that hour[hourHead % 3600] counts

    /** What {@link #reserve} decided: wait 0 = go now. */
    public record Decision(long waitNanos, boolean domainOnly) {
        static final Decision GO = new Decision(0, false);

        public boolean go() {
            return waitNanos == 0;
        }
    }

    public Pacer(Pacing pacing, Ticker ticker, SendHistory history) {
        this.ticker = ticker;
        this.global = pacing.perSecond() > 0 ? new Gcra(pacing.perSecond()) : null;
        this.perHour = (long) Math.floor(pacing.perHour());
        pacing.perDomain().forEach((domain, rate) -> domains.put(domain.toLowerCase(Locale.ROOT), new Gcra(rate)));
        this.hourHead = ticker.nanoTime() / SECOND;
        for (int ago = 0; ago < SendHistory.SECONDS; ago++) {
            int count = history.sendsSecondsAgo(ago);
            if (count > 0) {
                hour[slot(hourHead - ago)] += count;
                hourTotal += count;
            }
        }
    }

    public static Pacer unlimited(Ticker ticker) {
        return new Pacer(Pacing.unlimited(), ticker, SendHistory.none(java.time.Instant.EPOCH));
    }

    /** Takes a slot for one message to {@code domain}, or says how long to wait. */
    public synchronized Decision reserve(String domain) {
        long now = ticker.nanoTime();
        long wait = 0;
        if (perHour > 0) {
            advanceHour(now / SECOND);
            if (hourTotal >= perHour) {
                wait = untilHourSlotFrees(now);
            }
        }
        if (global != null) {
            wait = Math.max(wait, global.delay(now));
        }
        Gcra domainLimit = domainLimit(domain);
        if (wait > 0) {
            return new Decision(wait, false);
        }
        if (domainLimit != null) {
            long domainWait = domainLimit.delay(now);
            if (domainWait > 0) {
                return new Decision(domainWait, true);
            }
            domainLimit.take(now);
        }
        if (global != null) {
            global.take(now);
        }
        if (perHour > 0) {
            hour[slot(now / SECOND)]++;
            hourTotal++;
        }
        return Decision.GO;
    }

    /** Messages counted in the current sliding hour (including those from before a restart). */
    public synchronized long sentInLastHour() {
        advanceHour(ticker.nanoTime() / SECOND);
        return hourTotal;
    }

    private Gcra domainLimit(String domain) {
        if (domains.isEmpty() || domain == null) {
            return null;
        }
        String d = domain.toLowerCase(Locale.ROOT);
        while (true) {
            Gcra limit = domains.get(d);
            if (limit != null) {
                return limit;
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return null;
            }
            d = d.substring(dot + 1);
        }
    }

    private void advanceHour(long second) {
        if (second - hourHead >= SendHistory.SECONDS) {
            java.util.Arrays.fill(hour, 0);
            hourTotal = 0;
            hourHead = second;
            return;
        }
        while (hourHead < second) {
            hourHead++;
            int s = slot(hourHead);
            hourTotal -= hour[s];
            hour[s] = 0;
        }
    }

    /** The oldest counted second leaves the window 3,600 s after it began. */
    private long untilHourSlotFrees(long now) {
        for (long second = hourHead - SendHistory.SECONDS + 1; second <= hourHead; second++) {
            if (hour[slot(second)] > 0) {
                return Math.max(1, (second + SendHistory.SECONDS) * SECOND - now);
            }
        }
        return SECOND;
    }

    private static int slot(long second) {
        return (int) Math.floorMod(second, (long) SendHistory.SECONDS);
    }

    /** Generic cell rate algorithm with no burst: the theoretical arrival time of the next message. */
    private static final class Gcra {
        private final long interval;
        private long next = Long.MIN_VALUE;

        Gcra(double perSecond) {
            this.interval = Math.max(1, Math.round(SECOND / perSecond));
        }

        long delay(long now) {
            return next == Long.MIN_VALUE || next <= now ? 0 : next - now;
        }

        void take(long now) {
            next = (next == Long.MIN_VALUE || next < now ? now : next) + interval;
        }
    }
}
