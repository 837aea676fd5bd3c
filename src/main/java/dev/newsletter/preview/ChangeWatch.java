package dev.newsletter.preview;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Notices any change to the files a preview is made of (the config, templates and fragments, the
 * issue and its pictures, the subscriber lists) by scanning their folders every {@code interval}
 * and comparing each file's size, modification time and, for files up to {@value #HASHED_BYTES}
 * bytes, a checksum of its content. Each change bumps the {@link #version()} and wakes the
 * listeners.
 *
 * <p>Polling rather than {@code java.nio.file.WatchService}: that service polls every 10 s on
 * macOS, watches one folder level only (a new fragment folder would need registering), and loses
 * events on overflow; a scan of a few dozen small files every quarter second costs nothing and
 * behaves the same everywhere. The checksum catches an edit that keeps the size within one tick
 * of a coarse file clock. Editors' swap and backup files ({@code .name.swp}, {@code name~}) and
 * hidden files are ignored; so are {@code var/}, {@code outbox/} and {@code target/}.
 */
public final class ChangeWatch implements AutoCloseable {
    static final int HASHED_BYTES = 256 * 1024;

    private static final Set<String> SKIPPED_FOLDERS = Set.of("var", "outbox", "target", "node_modules", "site");

    private final List<Root> roots;
    private final AtomicLong version = new AtomicLong(1);
    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService scanner;
    private Map<Path, Stamp> last;

    /**
     * A folder to watch.
     *
     * @param depth 1 for the files in {@code folder} only, more to look into subfolders
     */
    public record Root(Path folder, int depth) {}

    private record Stamp(long size, long modified, long checksum) {}

    private ChangeWatch(List<Root> roots, Duration interval) {
        this.roots = List.copyOf(roots);
        this.last = scan();
        this.scanner = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "preview-watch");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scanner.scheduleWithFixedDelay(this::rescan, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts watching; the first scan is done before this returns. */
    public static ChangeWatch start(List<Root> roots, Duration interval) {
        return new ChangeWatch(roots, interval);
    }

    /** Goes up by one with every change seen; starts at 1. */
    public long version() {
        return version.get();
    }

    /** Runs {@code listener} (on the watch's thread) after each change, until {@link #remove}d. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    void remove(Runnable listener) {
        listeners.remove(listener);
    }

    /** Scans once; the watch does this every interval (tests call it to scan at a moment of their choosing). */
    synchronized void rescan() {
        try {
            Map<Path, Stamp> now = scan();
            if (!now.equals(last)) {
                last = now;
                version.incrementAndGet();
                listeners.forEach(Runnable::run);
            }
        } catch (RuntimeException e) {
            // a file that vanished mid-scan: the next scan sees the folder as it settled
        }
    }

    private Map<Path, Stamp> scan() {
        Map<Path, Stamp> stamps = new HashMap<>();
        for (Root root : roots) {
            if (!Files.isDirectory(root.folder())) {
                continue;
            }
            try {
                Files.walkFileTree(
                        root.folder(), EnumSet.noneOf(FileVisitOption.class), root.depth(), new Stamper(root, stamps));
            } catch (IOException e) {
                stamps.put(root.folder(), new Stamp(-1, -1, -1)); // unreadable: seen as a state of its own
            }
        }
        return stamps;
    }

    private static boolean ignored(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        return name.startsWith(".")
                || name.endsWith("~")
                || name.endsWith(".swp")
                || name.endsWith(".swx")
                || name.equals("4913"); // vim's probe file
    }

    private static long checksum(Path file, long size) {
        if (size > HASHED_BYTES) {
            return 0;
        }
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(file)) {
            crc.update(in.readNBytes(HASHED_BYTES + 1));
        } catch (IOException e) {
            return -1;
        }
        return crc.getValue();
    }

    @Override
    public void close() {
        scanner.shutdownNow();
    }

    private static final class Stamper extends SimpleFileVisitor<Path> {
        private final Root root;
        private final Map<Path, Stamp> stamps;

        Stamper(Root root, Map<Path, Stamp> stamps) {
            this.root = root;
            this.stamps = stamps;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (dir.equals(root.folder())) {
                return FileVisitResult.CONTINUE;
            }
            String name = String.valueOf(dir.getFileName());
            return ignored(dir) || SKIPPED_FOLDERS.contains(name)
                    ? FileVisitResult.SKIP_SUBTREE
                    : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile() && !ignored(file)) {
                long size = attributes.size();
                stamps.put(
                        file,
                        new Stamp(size, attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), checksum(file, size)));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            stamps.put(file, new Stamp(-1, -1, -1));
            return FileVisitResult.CONTINUE;
        }
    }
}
