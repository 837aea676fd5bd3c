package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A subscriber list file ({@code subscribers/<list>.csv}), read as a stream: one row in memory at a
 * time. UTF-8 (a BOM is tolerated), header row required, columns {@code email,name,status,
 * subscribed_at,tags} in any order plus extra columns, which become attributes. Every problem names
 * the file and the line.
 */
public final class SubscriberFile {
    public static final List<String> STANDARD_COLUMNS = List.of("email", "name", "status", "subscribed_at", "tags");

    private static final int MAX_PROBLEMS = 100;

    private final Path file;
    private final boolean allowUtf8LocalPart;

    private SubscriberFile(Path file, boolean allowUtf8LocalPart) {
        this.file = file;
        this.allowUtf8LocalPart = allowUtf8LocalPart;
    }

    public static SubscriberFile of(Path file) {
        return new SubscriberFile(file, false);
    }

    public Path path() {
        return file;
    }

    /**
     * Reads every row, passing valid ones to {@code action}; then throws {@link InvalidInputException}
     * if any row was invalid (bad syntax, bad address, unknown status, duplicate address).
     */
    public void forEach(Consumer<Subscriber> action) {
        Problems problems = new Problems();
        int[] count = {0};
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            skipBom(reader);
            CsvReader csv = new CsvReader(reader, ',');
            CsvRecord header = csv.next();
            if (header == null) {
                throw InvalidInputException.of(Problem.inFile(file, "the file is empty; it needs a header row"));
            }
            Columns columns = Columns.of(file, header);
            Set<String> seen = new HashSet<>();
            CsvRecord record;
            while ((record = csv.next()) != null) {
                if (record.fields().size() == 1 && record.fields().get(0).isBlank()) {
                    continue;
                }
                Optional<Subscriber> subscriber = columns.subscriber(record, allowUtf8LocalPart, p -> {
                    if (count[0]++ < MAX_PROBLEMS) {
                        problems.add(p);
                    }
                });
                if (subscriber.isEmpty()) {
                    continue;
                }
                if (!seen.add(subscriber.get().email().toString())) {
                    if (count[0]++ < MAX_PROBLEMS) {
                        problems.add(Problem.atLine(
                                file,
                                record.line(),
                                "duplicate address " + subscriber.get().email()));
                    }
                    continue;
                }
                if (problems.isEmpty()) {
                    action.accept(subscriber.get());
                }
            }
        } catch (NoSuchFileException e) {
            throw InvalidInputException.of(Problem.inFile(file, "no such file"));
        } catch (CharacterCodingException e) {
            throw InvalidInputException.of(Problem.inFile(file, "the file is not valid UTF-8"));
        } catch (IOException e) {
            throw InvalidInputException.of(Problem.inFile(file, "cannot read the file: " + e.getMessage()));
        } catch (CsvSyntaxException e) {
            problems.add(Problem.atLine(file, e.line(), e.getMessage()));
        }
        if (count[0] > MAX_PROBLEMS) {
            problems.add(Problem.inFile(file, (count[0] - MAX_PROBLEMS) + " more problems not shown"));
        }
        problems.throwIfAny();
    }

    private static void skipBom(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    /** Where each standard column is in this file's header. */
    private record Columns(Path file, int email, int name, int status, int subscribedAt, int tags, String[] header) {

        static Columns of(Path file, CsvRecord header) {
            Map<String, Integer> index = new HashMap<>();
            Problems problems = new Problems();
            for (int i = 0; i < header.fields().size(); i++) {
                String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    problems.add(
                            Problem.atLine(file, header.line(), "column " + (i + 1) + " has no name in the header"));
                } else if (index.putIfAbsent(name, i) != null) {
                    problems.add(Problem.atLine(file, header.line(), "the header names column '" + name + "' twice"));
                }
            }
            if (!index.containsKey("email")) {
                problems.add(Problem.atLine(
                        file, header.line(), "the header has no 'email' column (expected email,name,status,...)"));
            }
            problems.throwIfAny();
            String[] names = header.fields().stream()
                    .map(s -> s.strip().toLowerCase(Locale.ROOT))
                    .toArray(String[]::new);
            return new Columns(
                    file,
                    index.get("email"),
                    index.getOrDefault("name", -1),
                    index.getOrDefault("status", -1),
                    index.getOrDefault("subscribed_at", -1),
                    index.getOrDefault("tags", -1),
                    names);
        }

        Optional<Subscriber> subscriber(CsvRecord record, boolean allowUtf8, Consumer<Problem> problems) {
            List<String> f = record.fields();
            if (f.size() != header.length) {
                problems.accept(Problem.atLine(
                        file,
                        record.line(),
                        "expected " + header.length + " fields as in the header, found " + f.size()));
                return Optional.empty();
            }
            EmailAddress email;
            try {
                email = EmailAddress.parse(f.get(this.email), allowUtf8);
            } catch (InvalidAddressException e) {
                problems.accept(Problem.atLine(file, record.line(), e.getMessage()));
                return Optional.empty();
            }
            String name = cell(f, this.name);
            if (name.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                problems.accept(Problem.atLine(file, record.line(), "the name of " + email + " contains a line break"));
                return Optional.empty();
            }
            Status status = Status.ACTIVE;
            String statusText = cell(f, this.status);
            if (!statusText.isBlank()) {
                Optional<Status> parsed = Status.parse(statusText);
                if (parsed.isEmpty()) {
                    problems.accept(Problem.atLine(
                            file,
                            record.line(),
                            "unknown status '" + statusText + "' (use "
                                    + Arrays.toString(Status.values()).toLowerCase(Locale.ROOT) + ")"));
                    return Optional.empty();
                }
                status = parsed.get();
            }
            List<String> tags = new ArrayList<>();
            for (String tag : cell(f, this.tags).split(";")) {
                if (!tag.isBlank()) {
                    tags.add(tag.strip());
                }
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                if (!STANDARD_COLUMNS.contains(header[i])) {
                    attributes.put(header[i], f.get(i));
                }
            }
            return Optional.of(new Subscriber(
                    email, name.strip(), status, cell(f, subscribedAt).strip(), tags, attributes, record.line()));
        }

        private static String cell(List<String> fields, int index) {
            return index < 0 ? "" : fields.get(index);
        }
    }
}
