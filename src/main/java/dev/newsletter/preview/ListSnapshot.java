package dev.newsletter.preview;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.subscriber.SubscriberFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the preview needs of a subscriber list, read in one pass and kept while the file keeps its
 * size and modification time (an edit of the issue or a template does not read a big list again):
 * the first {@value PreviewBuilder#PICKER_SIZE} rows for the picker, how many there are, the first
 * active subscriber (as {@code render} picks by default), and the subscribers looked up by address
 * since.
 */
final class ListSnapshot {
    private static final int REMEMBERED = 64;

    private final Stamp stamp;
    private final List<Subscriber> first;
    private final long total;
    private final Optional<Subscriber> firstActive;
    private final Map<EmailAddress, Optional<Subscriber>> lookedUp = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<EmailAddress, Optional<Subscriber>> eldest) {
            return size() > REMEMBERED;
        }
    };

    private record Stamp(Path file, long size, long modified) {
        static Stamp of(Path file) {
            try {
                return new Stamp(
                        file, Files.size(file), Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                return new Stamp(file, -1, -1); // missing: the read below says so, with the file's name
            }
        }
    }

    private ListSnapshot(Stamp stamp, List<Subscriber> first, long total, Optional<Subscriber> firstActive) {
        this.stamp = stamp;
        this.first = List.copyOf(first);
        this.total = total;
        this.firstActive = firstActive;
    }

    /** {@code previous} when the file has not changed since it was read, else the file read again. */
    static ListSnapshot of(SubscriberFile file, ListSnapshot previous) {
        Stamp stamp = Stamp.of(file.path());
        if (previous != null && previous.stamp.equals(stamp) && stamp.size() >= 0) {
            return previous;
        }
        List<Subscriber> first = new ArrayList<>();
        long[] total = {0};
        Subscriber[] active = {null};
        file.forEach(s -> {
            if (total[0]++ < PreviewBuilder.PICKER_SIZE) {
                first.add(s);
            }
            if (active[0] == null && s.status() == Status.ACTIVE) {
                active[0] = s;
            }
        });
        return new ListSnapshot(stamp, first, total[0], Optional.ofNullable(active[0]));
    }

    PreviewView.Picker picker() {
        return new PreviewView.Picker(
                first.stream()
                        .map(s -> new PreviewView.Choice(
                                s.email().toString(),
                                s.name(),
                                s.status().name().toLowerCase(Locale.ROOT)))
                        .toList(),
                total);
    }

    Optional<Subscriber> firstActive() {
        return firstActive;
    }

    /** The subscriber with this address: from the first rows, from an earlier look-up, or found by {@code search}. */
    synchronized Optional<Subscriber> find(
            EmailAddress email, java.util.function.Function<EmailAddress, Optional<Subscriber>> search) {
        for (Subscriber s : first) {
            if (s.email().equals(email)) {
                return Optional.of(s);
            }
        }
        return lookedUp.computeIfAbsent(email, search);
    }
}
