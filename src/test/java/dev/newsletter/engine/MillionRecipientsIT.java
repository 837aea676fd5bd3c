package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A send to 1,000,000 subscribers, and its resume, with the heap capped at 256 MB. */
class MillionRecipientsIT {
    private static final int SUBSCRIBERS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void aMillionRecipientsSendAndResumeWithin256MegabytesOfHeap() throws Exception {
        Path csv = dir.resolve("million.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("email,name,status,subscribed_at,tags\n");
            for (int i = 1; i <= SUBSCRIBERS; i++) {
                out.write("subscriber" + i + "@example" + (i % 97) + ".org,Subscriber " + i + ",active,2024-01-01,\n");
            }
        }
        Path journal = dir.resolve("var/deliveries/it/million.jsonl");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MillionRecipients.class.getName(),
                        csv.toString(),
                        journal.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        // a bound for a hung process, not a speed test: a busy 2-core machine is several times slower
        boolean ended = process.waitFor(15, TimeUnit.MINUTES);
        process.destroyForcibly();
        assertThat(ended).as(Files.readString(dir.resolve("out.txt"))).isTrue();
        String output = Files.readString(dir.resolve("out.txt"));
        assertThat(process.exitValue()).as(output).isZero();

        Matcher m = Pattern.compile("accepted=(\\d+) skipped=(\\d+) reported=(\\d+) peakHeapMiB=(\\d+)")
                .matcher(output);
        assertThat(m.find()).as(output).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(SUBSCRIBERS);
        assertThat(Long.parseLong(m.group(2))).isEqualTo(SUBSCRIBERS);
        assertThat(Long.parseLong(m.group(3))).isEqualTo(SUBSCRIBERS);
        assertThat(Long.parseLong(m.group(4))).isLessThanOrEqualTo(256);
        System.out.println("MillionRecipientsIT: " + m.group());
    }
}
