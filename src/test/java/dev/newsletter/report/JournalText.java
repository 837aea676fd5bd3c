package dev.newsletter.report;

import java.time.Instant;

/** Journal lines for tests, written as {@code JournalLineBuilder} writes them (JSON-escaped by hand here). */
final class JournalText {
    private final StringBuilder lines = new StringBuilder();

    JournalText run(String time, String event, String run) {
        lines.append("{\"type\":\"run\",\"time\":\"")
                .append(Instant.parse(time))
                .append("\",\"event\":\"")
                .append(event)
                .append("\",\"run\":\"")
                .append(run)
                .append("\"}\n");
        return this;
    }

    JournalText attempt(String time, String email, int attempt) {
        lines.append("{\"type\":\"attempt\",\"time\":\"")
                .append(time)
                .append("\",\"email\":")
                .append(json(email))
                .append(",\"messageId\":\"<m@pdl.example.org>\",\"attempt\":")
                .append(attempt)
                .append("}\n");
        return this;
    }

    JournalText result(String time, String email, String outcome, int code, String status, String reply, int attempt) {
        attempt(time, email, attempt);
        lines.append("{\"type\":\"result\",\"time\":\"")
                .append(time)
                .append("\",\"email\":")
                .append(json(email))
                .append(",\"outcome\":\"")
                .append(outcome)
                .append("\",\"code\":")
                .append(code)
                .append(",\"status\":\"")
                .append(status)
                .append("\",\"reply\":")
                .append(json(reply))
                .append(",\"messageId\":\"<m@pdl.example.org>\",\"attempt\":")
                .append(attempt)
                .append("}\n");
        return this;
    }

    JournalText accepted(String time, String email) {
        return result(time, email, "accepted", 250, "2.0.0", "250 2.0.0 Ok: queued", 1);
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** One record of {@code var/inbox/processed.jsonl} with one line. */
    static String processed(String at, String kind, String recipient, String status, String issue, String list) {
        return "{\"key\":\"<" + kind + "." + recipient + ">\",\"source\":\"msg-" + kind + ".eml\",\"at\":\"" + at
                + "\",\"lines\":[{\"kind\":\"" + kind + "\",\"recipient\":" + json(recipient) + ",\"status\":"
                + (status == null ? "null" : json(status)) + ",\"issue\":\"" + issue + "\",\"list\":\"" + list
                + "\",\"action\":\"suppress\",\"result\":\"done\"}]}\n";
    }

    @Override
    public String toString() {
        return lines.toString();
    }
}
