package dev.newsletter.render.stencil;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The pre-rendered messages of one prepared issue, one per subscriber shape: the entry to this
 * package (see its package comment). The first subscriber of a shape is rendered in full and also
 * from the new pre-rendered message; that message is kept only when both come out the same, so a
 * template it cannot follow is simply rendered in full for every message. Thread-safe.
 */
public final class PrerenderedShapes {
    /** The switch: {@code NEWSLETTER_PLAIN_RENDER=1} in the environment renders every message in full. */
    public static final String SWITCH = "NEWSLETTER_PLAIN_RENDER";

    /** Shapes beyond this many are rendered in full: each message kept holds about two messages' text. */
    private static final int MAX_SHAPES = 32;

    private final SlotFinder finder = new SlotFinder();
    private final Map<String, Optional<Message>> byShape = new ConcurrentHashMap<>();

    private PrerenderedShapes() {}

    /**
     * Pre-rendered messages for the templates in {@code templatesDir}, or none when the
     * {@link #SWITCH} is on in {@code environment} or the templates' source uses a personal value in
     * a way this package cannot follow ({@link TemplateSourceCheck}).
     */
    public static Optional<PrerenderedShapes> forTemplates(
            Path templatesDir, Map<String, String> environment, StyleBlocks styleBlocks) {
        if ("1".equals(environment.get(SWITCH))
                || TemplateSourceCheck.refusal(templatesDir, styleBlocks).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new PrerenderedShapes());
    }

    /** The raw output of both templates (the HTML inlined and in ASCII, the text not yet wrapped). */
    public record Bodies(String html, String text) {}

    /**
     * The plain path's test for a {@code <style>} block it would inline into the document: templates
     * with one get no pre-rendered messages ({@link TemplateSourceCheck}).
     */
    public interface StyleBlocks {
        boolean inlined(String html);
    }

    /** The plain path: renders both templates with Thymeleaf, each personal field's value given by {@code value}. */
    public interface FullRender {
        Bodies render(IntFunction<Object> value);
    }

    /** A shape's message, pre-rendered: both bodies with slots for the personal values. */
    record Message(PrerenderedBody html, PrerenderedBody text) {
        Bodies fill(PersonalValues fields) {
            return new Bodies(html.fill(fields.values()), text.fill(fields.values()));
        }
    }

    /** The bodies for these fields: filled into the shape's pre-rendered message when it has one, else rendered in full. */
    public Bodies bodies(PersonalValues fields, FullRender render) {
        if (!fitsASlot(fields)) {
            return render.render(fields::value);
        }
        String shape = shape(fields);
        Optional<Message> known = byShape.get(shape);
        if (known != null && known.isPresent()) {
            return known.get().fill(fields);
        }
        Bodies full = render.render(fields::value);
        if (known == null && byShape.size() < MAX_SHAPES) {
            byShape.putIfAbsent(
                    shape,
                    finder.find(fields, render)
                            .filter(message -> message.fill(fields).equals(full)));
        }
        return full;
    }

    /**
     * Which fields there are and which of them are empty: templates may well say "Hello," instead of
     * "Dear Zoë," or leave out an empty affiliation, so each shape gets its own pre-rendered message.
     */
    private static String shape(PersonalValues fields) {
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            shape.append(fields.value(i).isEmpty() ? '0' : '1');
        }
        for (int i = 0; i < fields.size(); i++) {
            shape.append('\u0000').append(fields.name(i));
        }
        return shape.toString();
    }

    /**
     * Whether a slot can stand for every value. A value of only white space is not empty, yet
     * Thymeleaf's {@code #strings.isEmpty} calls it empty: no sentinel can behave like it. Control
     * characters and lone surrogates are escaped differently in different places. Such a subscriber is
     * rendered in full.
     */
    private static boolean fitsASlot(PersonalValues fields) {
        for (String value : fields.values()) {
            if (!value.isEmpty() && value.isBlank()) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
                    return false;
                }
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++; // a whole pair: one character outside the BMP
                } else if (Character.isSurrogate(c)) {
                    return false; // a lone half
                }
            }
        }
        return true;
    }

    /** How many shapes are filled into pre-rendered messages (for tests). */
    public long shapes() {
        return byShape.values().stream().filter(Optional::isPresent).count();
    }
}
