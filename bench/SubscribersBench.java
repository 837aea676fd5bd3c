import com.sun.management.GarbageCollectionNotificationInfo;
import dev.newsletter.cli.Context;
import dev.newsletter.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Runs one {@code newsletter} command in this JVM, exactly as {@code Main} would, and measures it:
 * the time the command took, the most heap it held live (measured after each GC: what it really
 * needs), the most heap in use (before a GC: what the collector let it fill), and the process's peak
 * resident memory (VmHWM). Appends one tab-separated line to RESULTS.
 *
 * <p>Usage: {@code java -Xmx256m -cp <app and this class> SubscribersBench RESULTS LABEL ARGS...}
 */
public final class SubscribersBench {
    private SubscribersBench() {}

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        String label = args[1];
        String[] command = Arrays.copyOfRange(args, 2, args.length);
        AtomicLong liveAfterGc = new AtomicLong();
        AtomicLong usedBeforeGc = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(
                    (notification, handback) -> {
                        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                            return;
                        }
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                                .getGcInfo();
                        liveAfterGc.accumulateAndGet(heap(info.getMemoryUsageAfterGc()), Math::max);
                        usedBeforeGc.accumulateAndGet(heap(info.getMemoryUsageBeforeGc()), Math::max);
                    },
                    null,
                    null);
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        Context context = new Context(out, out, System.getenv(), Clock.systemUTC(), false);

        long start = System.nanoTime();
        int code = Main.run(context, command);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.flush();

        long usedNow = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long gcCount = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
        String line = String.format(
                "%s\t%d\t%.2f\t%d\t%d\t%d\t%d\t%d%n",
                label,
                code,
                seconds,
                mb(liveAfterGc.get()),
                mb(Math.max(usedBeforeGc.get(), usedNow)),
                mb(Runtime.getRuntime().maxMemory()),
                peakResidentKb() / 1024,
                gcCount);
        Files.writeString(results, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.exit(code);
    }

    private static long heap(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pools.containsKey(pool.getName())) {
                used += pools.get(pool.getName()).getUsed();
            }
        }
        return used;
    }

    private static long peakResidentKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream()
                .filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElse(-1);
    }

    private static long mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }
}
