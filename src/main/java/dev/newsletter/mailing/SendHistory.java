package dev.newsletter.mailing;

import java.time.Duration;
import java.time.Instant;

/**
 * How many messages were handed to the server in each second of the hour before {@code end}, as
 * read from the journals: lets the hourly quota survive a restart. Compact: 3,600 counters.
 */
public final class SendHistory {
    static final int SECONDS = 3600;

    private final Instant end;
    private final int[] perSecondAgo = new int[SECONDS];

    public SendHistory(Instant end) {
        this.end = end;
    }

    public static SendHistory none(Instant end) {
        return new SendHistory(end);
    }

    /** Counts one send at {@code time}; times outside the last hour are ignored. */
    public void add(Instant time) {
        long ago = Duration.between(time, end).getSeconds();
        if (ago >= 0 && ago < SECONDS) {
            perSecondAgo[(int) ago]++;
        }
    }

    public Instant end() {
        return end;
    }

    /** Sends that happened {@code secondsAgo} seconds before {@link #end()} (0 = the last second). */
    public int sendsSecondsAgo(int secondsAgo) {
        return perSecondAgo[secondsAgo];
    }

    public long total() {
        long total = 0;
        for (int count : perSecondAgo) {
            total += count;
        }
        return total;
    }
}
