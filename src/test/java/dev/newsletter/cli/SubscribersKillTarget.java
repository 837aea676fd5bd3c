package dev.newsletter.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * A writer for {@link SubscribersKillIT} to kill: in a real JVM, it runs {@code subscribers} commands
 * through {@link Main#run} one after another and reports each that finished.
 *
 * <p>Arguments: {@code CONFIG adds PREFIX} adds PREFIX-0@example.org, PREFIX-1@…, until killed;
 * {@code CONFIG import FILE} imports FILE once.
 */
public final class SubscribersKillTarget {
    private SubscribersKillTarget() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        Context context = new Context(out, out, Map.of(), Clock.systemUTC(), false);
        String config = args[0];
        out.println("ready");
        if (args[1].equals("adds")) {
            for (int i = 0; ; i++) {
                int code =
                        Main.run(context, "subscribers", "add", args[2] + "-" + i + "@example.org", "--config", config);
                if (code != 0) {
                    System.exit(code);
                }
                out.println("added " + i);
            }
        }
        System.exit(Main.run(context, "subscribers", "import", args[2], "--config", config));
    }
}
