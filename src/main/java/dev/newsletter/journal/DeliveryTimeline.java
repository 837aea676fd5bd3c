package dev.newsletter.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answered attempts over time, counted by outcome in buckets of one width, in one streaming pass:
 * when the span between the first and the last bucket would pass {@link #MAX_SPAN} buckets, the
 * width steps up the {@link #WIDTHS} ladder (each a multiple of the one before, so buckets merge
 * exactly). A send of any length and any gaps between runs costs at most {@code MAX_SPAN} counters.
 */
final class DeliveryTimeline {
    /** Bucket widths in seconds; each divides the next. Past the last, widths double. */
    static final long[] WIDTHS = {1, 2, 10, 30, 60, 120, 600, 1_800, 3_600, 7_200, 21_600, 43_200, 86_400, 604_800};

    static final int MAX_SPAN = 512;

    private final int outcomes;
    private final TreeMap<Long, long[]> buckets = new TreeMap<>();
    private long width = WIDTHS[0];
    private long lastIndex = Long.MIN_VALUE;
    private long[] last;

    DeliveryTimeline(int outcomes) {
        this.outcomes = outcomes;
    }

    void add(Instant time, int outcome) {
        if (time.equals(Instant.EPOCH)) {
            return; // a line without a time says nothing about when
        }
        long index = Math.floorDiv(time.getEpochSecond(), width);
        if (index != lastIndex) {
            while (!buckets.isEmpty()
                    && Math.max(index, buckets.lastKey()) - Math.min(index, buckets.firstKey()) >= MAX_SPAN) {
                widen();
                index = Math.floorDiv(time.getEpochSecond(), width);
            }
            lastIndex = index;
            last = buckets.computeIfAbsent(index, i -> new long[outcomes]);
        }
        last[outcome]++;
    }

    private void widen() {
        long next = next(width);
        long factor = next / width;
        TreeMap<Long, long[]> merged = new TreeMap<>();
        for (Map.Entry<Long, long[]> bucket : buckets.entrySet()) {
            long[] into = merged.computeIfAbsent(Math.floorDiv(bucket.getKey(), factor), i -> new long[outcomes]);
            for (int i = 0; i < outcomes; i++) {
                into[i] += bucket.getValue()[i];
            }
        }
        buckets.clear();
        buckets.putAll(merged);
        width = next;
        lastIndex = Long.MIN_VALUE;
    }

    /** The ladder's next width after {@code width}. */
    static long next(long width) {
        for (long w : WIDTHS) {
            if (w > width) {
                return w;
            }
        }
        return width * 2;
    }

    /** The buckets, gaps included (as zeros), from the first to the last. */
    DeliveryReport.Timeline build() {
        List<DeliveryReport.Bucket> list = new ArrayList<>();
        if (!buckets.isEmpty()) {
            for (long i = buckets.firstKey(); i <= buckets.lastKey(); i++) {
                long[] counts = buckets.getOrDefault(i, new long[outcomes]);
                list.add(DeliveryReport.Bucket.of(Instant.ofEpochSecond(i * width), counts));
            }
        }
        return new DeliveryReport.Timeline(width, List.copyOf(list));
    }
}
