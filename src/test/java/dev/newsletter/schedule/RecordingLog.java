package dev.newsletter.schedule;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A daemon log that keeps its lines, and can wait for one. */
public final class RecordingLog implements DaemonLog {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final boolean echo;

    public RecordingLog() {
        this(false);
    }

    public RecordingLog(boolean echo) {
        this.echo = echo;
    }

    @Override
    public void info(String message) {
        add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        add("WARN " + message);
    }

    private void add(String line) {
        lines.add(line);
        if (echo) {
            System.out.println(line);
        }
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public long count(String fragment) {
        return lines.stream().filter(line -> line.contains(fragment)).count();
    }

    public String text() {
        return String.join("\n", lines);
    }
}
