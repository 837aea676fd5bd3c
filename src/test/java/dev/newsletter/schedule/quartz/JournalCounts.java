package dev.newsletter.schedule.quartz;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How many recipients a delivery journal has as accepted and as in doubt, counted from its text by a test. */
record JournalCounts(long accepted, long inDoubt) {
    private static final Pattern LINE =
            Pattern.compile("\"type\":\"(attempt|result)\".*?\"email\":\"([^\"]+)\"(?:.*?\"outcome\":\"([a-z]+)\")?");

    static JournalCounts of(String text) {
        Map<String, String> last = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                last.put(m.group(2), m.group(1).equals("attempt") ? "attempt" : m.group(3));
            }
        }
        long accepted = last.values().stream().filter("accepted"::equals).count();
        long inDoubt = last.values().stream().filter("attempt"::equals).count();
        return new JournalCounts(accepted, inDoubt);
    }
}
