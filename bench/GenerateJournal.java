import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Writes what a send of N recipients leaves behind, for the report benchmark: a delivery journal
 * (two runs: the first sends everyone at about 400 messages/s; the second retries the greylisted),
 * {@code var/inbox/processed.jsonl} with complaints and soft bounces, and {@code
 * subscribers/suppressed.csv} with one-click unsubscribes after the send. Recipients are spread over
 * 20,000 domains with a long tail (so the per-domain cap is exercised). Deterministic.
 *
 * <p>Usage: {@code java GenerateJournal PROJECT_DIR ISSUE LIST N}
 */
public final class GenerateJournal {
    public static void main(String[] args) throws IOException {
        Path project = Path.of(args[0]);
        String issue = args[1];
        String list = args[2];
        int n = Integer.parseInt(args[3]);
        Path journal = project.resolve("var/capture/" + issue + "/" + list + ".jsonl");
        Files.createDirectories(journal.getParent());
        Files.createDirectories(project.resolve("var/inbox"));
        Files.createDirectories(project.resolve("subscribers"));
        Random random = new Random(7);
        Instant start = Instant.parse("2026-11-02T09:00:00Z");
        long millis = 0;
        try (BufferedWriter j = Files.newBufferedWriter(journal, StandardCharsets.UTF_8);
                BufferedWriter processed =
                        Files.newBufferedWriter(project.resolve("var/inbox/processed.jsonl"), StandardCharsets.UTF_8);
                BufferedWriter suppressed =
                        Files.newBufferedWriter(project.resolve("subscribers/suppressed.csv"), StandardCharsets.UTF_8)) {
            suppressed.write("email,reason,suppressed_at\n");
            j.write(run(start, "start", "r1"));
            for (int i = 0; i < n; i++) {
                millis += 2 + random.nextInt(2);
                Instant t = start.plusMillis(millis);
                String email = email(i, random);
                String id = "<" + issue + "." + Integer.toHexString(i) + "@pdl.example.org>";
                j.write(line("attempt", t, email, null, 0, "", "", id, 1));
                int roll = random.nextInt(10_000);
                if (roll < 9_550) {
                    j.write(line("result", t.plusMillis(1), email, "accepted", 250, "2.0.0", "250 2.0.0 Ok: queued as " + Integer.toHexString(i * 31), id, 1));
                    if (roll < 35) {
                        processed.write(processed(t.plusSeconds(3_600 + i % 7_200), "complaint", email, null, issue, list));
                    } else if (roll < 55) {
                        suppressed.write(email + ",one-click," + t.plusSeconds(7_200 + i % 3_600) + "\n");
                    } else if (roll < 75) {
                        processed.write(processed(t.plusSeconds(1_800), "soft-bounce", email, "4.2.2", issue, list));
                    }
                } else if (roll < 9_700) {
                    j.write(line("result", t.plusMillis(1), email, "deferred", 451, "4.7.1", "451 4.7.1 Greylisted, try again later", id, 1));
                } else if (roll < 9_850) {
                    j.write(line("result", t.plusMillis(1), email, "rejected", 550, "5.1.1", "550 5.1.1 <" + email + ">: Recipient address rejected: User unknown", id, 1));
                } else if (roll < 9_900) {
                    j.write(line("result", t.plusMillis(1), email, "rejected", 554, "5.7.1", "554 5.7.1 Message rejected under policy", id, 1));
                } else if (roll < 9_995) {
                    j.write(line("result", t.plusMillis(1), email, "failed", 0, "", "connection reset", id, 1));
                }
                // else: an attempt without a result (in doubt)
            }
            j.write(run(start.plusMillis(millis + 10), "end", "r1"));
            // the second run, an hour later: the greylisted and failed are accepted now
            Instant second = start.plusMillis(millis).plusSeconds(3_600);
            j.write(run(second, "start", "r2"));
            Random again = new Random(7);
            long m = 0;
            for (int i = 0; i < n; i++) {
                again.nextInt(2);
                String email = email(i, again);
                int roll = again.nextInt(10_000);
                if (roll >= 9_550 && roll < 9_700 || roll >= 9_900 && roll < 9_995) {
                    m += 5;
                    Instant t = second.plusMillis(m);
                    String id = "<" + issue + "." + Integer.toHexString(i) + "@pdl.example.org>";
                    j.write(line("attempt", t, email, null, 0, "", "", id, 2));
                    j.write(line("result", t.plusMillis(1), email, "accepted", 250, "2.0.0", "250 2.0.0 Ok", id, 2));
                }
            }
            j.write(run(second.plusMillis(m + 10), "end", "r2"));
        }
    }

    /** A long tail: a few big domains, then 20,000 small ones. */
    private static String email(int i, Random random) {
        int r = random.nextInt(100);
        String domain = r < 30 ? "gmail.example.com"
                : r < 45 ? "outlook.example.com"
                : r < 55 ? "yahoo.example.com"
                : r < 60 ? "icloud.example.com"
                : "dept" + (i % 20_000) + ".example.org";
        return "user" + i + "@" + domain;
    }

    private static String run(Instant t, String event, String run) {
        return "{\"type\":\"run\",\"time\":\"" + t + "\",\"event\":\"" + event + "\",\"run\":\"" + run + "\"}\n";
    }

    private static String line(String type, Instant t, String email, String outcome, int code, String status, String reply, String id, int attempt) {
        StringBuilder b = new StringBuilder("{\"type\":\"").append(type).append("\",\"time\":\"").append(t)
                .append("\",\"email\":\"").append(email).append('"');
        if (outcome != null) {
            b.append(",\"outcome\":\"").append(outcome).append("\",\"code\":").append(code)
                    .append(",\"status\":\"").append(status).append("\",\"reply\":\"").append(reply).append('"');
        }
        return b.append(",\"messageId\":\"").append(id).append("\",\"attempt\":").append(attempt).append("}\n").toString();
    }

    private static String processed(Instant at, String kind, String email, String status, String issue, String list) {
        return "{\"key\":\"<fb." + email + ">\",\"source\":\"bench\",\"at\":\"" + at + "\",\"lines\":[{\"kind\":\"" + kind
                + "\",\"recipient\":\"" + email + "\",\"status\":" + (status == null ? "null" : "\"" + status + "\"")
                + ",\"issue\":\"" + issue + "\",\"list\":\"" + list + "\",\"action\":\"suppress\",\"result\":\"\"}]}\n";
    }
}
