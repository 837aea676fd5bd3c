import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a subscriber CSV of N rows for the benchmark: unique addresses on a few hundred
 * example.org/example.com domains, names with accents and commas (so some cells are quoted), tags,
 * ISO timestamps and an extra column. Deterministic: the same N gives the same file.
 *
 * <p>Usage: {@code java bench/GenerateSubscribers.java OUT.csv N}
 */
public final class GenerateSubscribers {
    private static final String[] FIRST = {"Ana", "Zoë", "Priya", "Sam", "Li", "Tomás", "Jordan", "Björn", "Amara", "Kenji"};
    private static final String[] LAST = {"Lima", "Müller", "Raman", "Okafor", "Wei", "Berg", "Reyes", "Ødegaard", "Diallo", "Sato"};
    private static final String[] STATUS = {"active", "active", "active", "active", "active", "active", "pending", "unsubscribed", "bounced", "active"};
    private static final String[] TAGS = {"", "faculty", "alumni;industry", "student", "industry;sponsor", ""};

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        Random random = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("email,name,status,subscribed_at,tags,affiliation\n");
            for (int i = 0; i < rows; i++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                String domain = "dept" + (i % 400) + (i % 2 == 0 ? ".example.org" : ".example.com");
                String name = i % 7 == 0 ? "\"" + last + ", " + first + "\"" : first + " " + last;
                String when = String.format(
                        "20%02d-%02d-%02dT%02d:%02d:00Z",
                        15 + i % 10, 1 + i % 12, 1 + i % 28, i % 24, i % 60);
                w.write(first.toLowerCase().replace('ë', 'e').replace('á', 'a').replace('ö', 'o') + "." + i + "@" + domain);
                w.write(',');
                w.write(name);
                w.write(',');
                w.write(STATUS[i % STATUS.length]);
                w.write(',');
                w.write(when);
                w.write(',');
                w.write(TAGS[i % TAGS.length]);
                w.write(',');
                w.write(i % 3 == 0 ? "\"Example University, Dept. " + (i % 400) + "\"" : "Example Org " + (i % 50));
                w.write('\n');
            }
        }
    }
}
