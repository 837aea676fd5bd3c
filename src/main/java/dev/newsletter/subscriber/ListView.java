package dev.newsletter.subscriber;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read-only views of a list: {@code list} (a table, CSV or JSON), {@code export} and {@code count}.
 * Each reads the file twice, streaming: first to check it all (an invalid list prints nothing but its
 * problems), then to print. Exported CSV is safe to open in a spreadsheet: cells that would run as a
 * formula are escaped.
 */
public final class ListView {
    private static final JsonMapper JSON =
            JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final int MAX_WIDTH = 48;

    private final Path list;
    private final boolean allowUtf8LocalPart;

    private ListView(Path list, boolean allowUtf8LocalPart) {
        this.list = list;
        this.allowUtf8LocalPart = allowUtf8LocalPart;
    }

    public static ListView of(Path list, boolean allowUtf8LocalPart) {
        return new ListView(list, allowUtf8LocalPart);
    }

    /** Subscribers by status, and how many of the active ones the suppression list holds back. */
    public record Counts(Map<Status, Long> byStatus, long total, long activeButSuppressed) {
        /** The subscribers a send would go to: active and not suppressed. */
        public long sendable() {
            return byStatus.getOrDefault(Status.ACTIVE, 0L) - activeButSuppressed;
        }
    }

    public Counts count(SuppressionList suppressed) {
        Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            byStatus.put(status, 0L);
        }
        long[] totals = {0, 0};
        SubscriberFile.of(list, allowUtf8LocalPart).forEach(subscriber -> {
            byStatus.merge(subscriber.status(), 1L, Long::sum);
            totals[0]++;
            if (subscriber.status() == Status.ACTIVE && suppressed.contains(subscriber.email())) {
                totals[1]++;
            }
        });
        return new Counts(byStatus, totals[0], totals[1]);
    }

    /** An aligned table of the standard columns; returns how many rows it showed. */
    public long table(PrintWriter out, Predicate<Subscriber> filter) {
        int[] widths = {5, 4, 6, 13, 4};
        SubscriberFile.of(list, allowUtf8LocalPart).forEach(subscriber -> {
            if (filter.test(subscriber)) {
                List<String> cells = tableCells(subscriber);
                for (int i = 0; i < widths.length; i++) {
                    widths[i] =
                            Math.min(MAX_WIDTH, Math.max(widths[i], cells.get(i).length()));
                }
            }
        });
        printRow(out, List.of("EMAIL", "NAME", "STATUS", "SUBSCRIBED AT", "TAGS"), widths);
        long[] shown = {0};
        SubscriberFile.of(list, allowUtf8LocalPart).forEach(subscriber -> {
            if (filter.test(subscriber)) {
                printRow(out, tableCells(subscriber), widths);
                shown[0]++;
            }
        });
        return shown[0];
    }

    /**
     * The list as CSV, every column in the list's order, cells escaped against formula injection;
     * with {@code bom}, a UTF-8 byte order mark first, which Excel needs to read UTF-8.
     */
    public long csv(PrintWriter out, Predicate<Subscriber> filter, boolean bom) {
        SubscriberFile.of(list, allowUtf8LocalPart).validate();
        long shown = 0;
        try (ListReader reader = ListReader.open(list, allowUtf8LocalPart)) {
            Header header = reader.header();
            out.print((bom ? "\uFEFF" : "") + CsvCells.row(safe(header.names()), (byte) ',') + "\n");
            ListReader.Row row;
            while ((row = reader.next()) != null) {
                Subscriber subscriber = row.subscriber();
                if (subscriber != null && filter.test(subscriber)) {
                    out.print(CsvCells.row(safe(cells(header, row.record(), subscriber)), (byte) ',') + "\n");
                    shown++;
                }
            }
        }
        out.flush();
        return shown;
    }

    /** The list as a JSON array: standard fields, tags as an array, extra columns under "attributes". */
    public long json(PrintWriter out, Predicate<Subscriber> filter) {
        SubscriberFile.of(list, allowUtf8LocalPart).validate();
        long shown = 0;
        try (ListReader reader = ListReader.open(list, allowUtf8LocalPart);
                JsonGenerator json = JSON.createGenerator(out)) {
            Header header = reader.header();
            json.writeStartArray();
            ListReader.Row row;
            while ((row = reader.next()) != null) {
                Subscriber subscriber = row.subscriber();
                if (subscriber != null && filter.test(subscriber)) {
                    writeJson(json, header, row.record(), subscriber);
                    shown++;
                }
            }
            json.writeEndArray();
        }
        out.println();
        out.flush();
        return shown;
    }

    private static void writeJson(JsonGenerator json, Header header, CsvRecord record, Subscriber subscriber) {
        json.writeStartObject();
        json.writeStringProperty("email", subscriber.email().toString());
        json.writeStringProperty("name", subscriber.name());
        json.writeStringProperty("status", subscriber.status().label());
        json.writeStringProperty("subscribed_at", subscriber.subscribedAt());
        json.writeArrayPropertyStart("tags");
        for (String tag : subscriber.tags()) {
            json.writeString(tag);
        }
        json.writeEndArray();
        json.writeObjectPropertyStart("attributes");
        for (int i = 0; i < header.size(); i++) {
            if (!header.isStandard(i)) {
                json.writeStringProperty(header.names().get(i), record.field(i));
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static List<String> cells(Header header, CsvRecord record, Subscriber subscriber) {
        List<String> cells = new ArrayList<>(header.size());
        for (int i = 0; i < header.size(); i++) {
            cells.add(
                    switch (header.names().get(i)) {
                        case Header.EMAIL -> subscriber.email().toString();
                        case Header.NAME -> subscriber.name();
                        case Header.STATUS -> subscriber.status().label();
                        case Header.SUBSCRIBED_AT -> subscriber.subscribedAt();
                        case Header.TAGS -> String.join(";", subscriber.tags());
                        default -> record.field(i);
                    });
        }
        return cells;
    }

    private static List<String> safe(List<String> cells) {
        return cells.stream().map(CsvCells::formulaSafe).toList();
    }

    private static List<String> tableCells(Subscriber subscriber) {
        return List.of(
                subscriber.email().toString(),
                subscriber.name(),
                subscriber.status().label(),
                subscriber.subscribedAt(),
                String.join(";", subscriber.tags()));
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell.length() > widths[i]) {
                cell = cell.substring(0, widths[i] - 1) + "…";
            }
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
