package dev.newsletter.input;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML file bound to a record type, strictly: unknown keys, duplicate keys, wrong types and bad
 * values are problems with file, line and column. Unknown keys are all collected before failing.
 * After binding, {@link #at(String, String)} turns a JSON pointer into a located problem, so
 * validation of the bound value can point at the right line.
 */
public final class YamlFile<T> {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .addModule(new SimpleModule("newsletter").addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    private final Path file;
    private final String text;
    private final T value;
    private final Map<JsonPointer, TokenStreamLocation> locations;
    private final List<Problem> unknownKeys;

    private YamlFile(
            Path file,
            String text,
            T value,
            Map<JsonPointer, TokenStreamLocation> locations,
            List<Problem> unknownKeys) {
        this.file = file;
        this.text = text;
        this.value = value;
        this.locations = locations;
        this.unknownKeys = unknownKeys;
    }

    /** Reads and binds {@code file}; throws {@link InvalidInputException} naming every problem found. */
    public static <T> YamlFile<T> read(Path file, Class<T> type) {
        String text = readUtf8(file);
        if (text.isBlank()) {
            throw InvalidInputException.of(Problem.inFile(file, "the file is empty"));
        }
        Map<JsonPointer, TokenStreamLocation> locations = locate(file, text);
        Problems unknownKeys = new Problems();
        T value;
        try {
            value = MAPPER.readerFor(type)
                    .withHandler(new UnknownKeyCollector(file, locations, unknownKeys))
                    .readValue(text);
        } catch (JacksonException e) {
            unknownKeys.add(problemOf(file, e));
            throw new InvalidInputException(unknownKeys.list());
        }
        if (value == null) {
            throw InvalidInputException.of(Problem.inFile(file, "the file holds no YAML mapping"));
        }
        return new YamlFile<>(file, text, value, locations, unknownKeys.list());
    }

    public Path file() {
        return file;
    }

    /** The bound value; keys it did not know were skipped and are reported by {@link #problems()}. */
    public T value() {
        return value;
    }

    /** A fresh collection of problems, holding the unknown keys found while binding; validation adds to it. */
    public Problems problems() {
        Problems problems = new Problems();
        unknownKeys.forEach(problems::add);
        return problems;
    }

    /**
     * A problem located at {@code pointer} (such as {@code /sections/0/items/2/title}), or at the
     * nearest enclosing element present in the file when the pointer names a missing key.
     */
    public Problem at(String pointer, String message) {
        JsonPointer p = JsonPointer.compile(pointer);
        while (p != null) {
            TokenStreamLocation location = locations.get(p);
            if (location != null) {
                return new Problem(file, location.getLineNr(), location.getColumnNr(), message);
            }
            p = p.head();
        }
        return Problem.inFile(file, message);
    }

    /**
     * A problem located at the first place {@code needle} is written inside the value at {@code
     * pointer} (such as an image's path inside a Markdown text), or at the value itself when the
     * text there does not hold it as written (an escape in a quoted string).
     */
    public Problem atText(String pointer, String needle, String message) {
        Problem value = at(pointer, message);
        if (value.line() <= 0 || needle.isEmpty()) {
            return value;
        }
        int start = 0;
        for (int line = 1; line < value.line() && start >= 0; line++) {
            start = text.indexOf('\n', start) + 1;
            start = start == 0 ? -1 : start;
        }
        int found = start < 0 ? -1 : text.indexOf(needle, start + Math.max(0, value.column() - 1));
        if (found < 0) {
            return value;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = text.indexOf('\n'); i >= 0 && i < found; i = text.indexOf('\n', i + 1)) {
            line++;
            lineStart = i + 1;
        }
        return new Problem(file, line, found - lineStart + 1, message);
    }

    private static String readUtf8(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw InvalidInputException.of(Problem.inFile(file, "no such file"));
        } catch (CharacterCodingException e) {
            throw InvalidInputException.of(Problem.inFile(file, "the file is not valid UTF-8"));
        } catch (IOException e) {
            throw InvalidInputException.of(Problem.inFile(file, "cannot read the file: " + e.getMessage()));
        }
    }

    /** Records where every key, value and container starts, keyed by its JSON pointer (a key before its value). */
    private static Map<JsonPointer, TokenStreamLocation> locate(Path file, String text) {
        Map<JsonPointer, TokenStreamLocation> locations = new HashMap<>();
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                JsonPointer pointer = parser.streamReadContext().pathAsPointer();
                locations.putIfAbsent(pointer, parser.currentTokenLocation());
            }
        } catch (JacksonException e) {
            throw InvalidInputException.of(problemOf(file, e));
        }
        return locations;
    }

    private static Problem problemOf(Path file, JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        String message = e.getOriginalMessage();
        String path = e.getPath().isEmpty() ? "" : pathOf(e);
        message = cleanMessage(message);
        if (!path.isEmpty()) {
            message = path + ": " + message;
        }
        if (location == null) {
            return Problem.inFile(file, message);
        }
        return new Problem(file, location.getLineNr(), location.getColumnNr(), message);
    }

    private static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Jackson's messages name Java classes; users know keys and values. Keep the first sentence. */
    private static String cleanMessage(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        String cleaned = message.replaceAll("\\s*\\(for Object starting at.*", "")
                .replaceAll("\\s*\\(for POJO property '[^']*'\\)", "")
                .replaceAll("`[a-z]+(\\.[a-zA-Z$]+)+`", "this key")
                .replace(" as a subtype of this key", "")
                .replaceAll(
                        "Cannot deserialize value of type this key from String (\"[^\"]*\"): "
                                + "not one of the values accepted for Enum class: \\[(.*)\\]",
                        "$1 is not one of: $2")
                .replaceAll(
                        "Cannot deserialize value of type this key from ([A-Za-z]+) value", "wrong kind of value ($1)")
                .replace("Cannot deserialize value of type this key from", "cannot read")
                .replaceAll("\\s*\\(\\d+ known properties:", " (known keys:")
                .replaceAll("\\s*at \\[Source:.*", "")
                .strip();
        int newline = cleaned.indexOf('\n');
        return newline > 0 ? cleaned.substring(0, newline).strip() : cleaned;
    }

    /** Collects every unknown key (instead of failing on the first) and skips its value. */
    private static final class UnknownKeyCollector extends DeserializationProblemHandler {
        private final Path file;
        private final Map<JsonPointer, TokenStreamLocation> locations;
        private final Problems problems;

        UnknownKeyCollector(Path file, Map<JsonPointer, TokenStreamLocation> locations, Problems problems) {
            this.file = file;
            this.locations = locations;
            this.problems = problems;
        }

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext ctxt,
                JsonParser parser,
                ValueDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName) {
            // Records are bound from a token buffer without positions: find the key by its path instead.
            TokenStreamLocation location =
                    locations.getOrDefault(parser.streamReadContext().pathAsPointer(), parser.currentTokenLocation());
            String known =
                    deserializer == null ? "" : " (known keys: " + String.join(", ", knownKeys(deserializer)) + ")";
            problems.add(new Problem(
                    file, location.getLineNr(), location.getColumnNr(), "unknown key '" + propertyName + "'" + known));
            parser.skipChildren();
            return true;
        }

        private static java.util.List<String> knownKeys(ValueDeserializer<?> deserializer) {
            return deserializer.getKnownPropertyNames().stream()
                    .map(String::valueOf)
                    .sorted()
                    .toList();
        }
    }
}
