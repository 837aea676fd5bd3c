package dev.newsletter.render.stencil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the templates' source for uses of a personal value that the {@link WatchedValues} cannot
 * see, and then refuses pre-rendering for the whole issue:
 *
 * <ul>
 *   <li>a {@code <style>} block: the CSS inliner matches selectors against the whole document, so a
 *       value in a {@code class} or {@code id} changes styles outside its slot;
 *   <li>a personal value bound to a name ({@code th:with}, {@code th:object}, {@code th:each}, or
 *       passed to a fragment): Thymeleaf can then test the name ({@code 'Bob' == ${n}},
 *       {@code th:if="${n}"}) without ever asking the value anything.
 * </ul>
 */
final class TemplateSourceCheck {
    private static final Pattern BINDING = Pattern.compile(
            "(?:data-)?th[:-](?:with|object|each|replace|insert|include|substituteby)\\s*=\\s*(\"[^\"]*\"|'[^']*')",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PERSONAL = Pattern.compile("\\b(?:subscriber|links)\\b");

    private TemplateSourceCheck() {}

    /** Why the templates in {@code dir} get no pre-rendered messages, or empty when they may. */
    static Optional<String> refusal(Path dir, PrerenderedShapes.StyleBlocks styleBlocks) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> templates = files.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".html") || name.endsWith(".txt");
                    })
                    .sorted()
                    .toList();
            for (Path file : templates) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (file.toString().toLowerCase(Locale.ROOT).endsWith(".html") && styleBlocks.inlined(text)) {
                    return Optional.of(dir.relativize(file) + " has a <style> block to inline");
                }
                Matcher binding = BINDING.matcher(text);
                while (binding.find()) {
                    if (PERSONAL.matcher(binding.group(1)).find()) {
                        return Optional.of(
                                dir.relativize(file) + " binds a subscriber value to a name: " + binding.group());
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
