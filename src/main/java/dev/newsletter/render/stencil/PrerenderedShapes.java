package dev.newsletter.render.stencil;

import dev.newsletter.render.PersonalFields;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The stencils of one prepared issue, one pair (HTML and text) per {@link PersonalFields#shape()
 * shape}. The first subscriber of a shape is rendered in full and also from the new stencils; the
 * stencils are kept only when both come out the same, so a template the stencils cannot follow is
 * simply rendered in full for every message, as before. Thread-safe.
 */
public final class PrerenderedShapes {
    /** Shapes beyond this many are rendered in full: each pair holds about two messages' text. */
    private static final int MAX_SHAPES = 32;

    private final PrerenderedBody.Sentinels sentinels = new PrerenderedBody.Sentinels();
    private final Map<String, Optional<Pair>> byShape = new ConcurrentHashMap<>();
    private final TemplateSourceCheck.Verdict gate;

    /** @param gate whether the templates allow stencils at all ({@link TemplateSourceCheck}) */
    public PrerenderedShapes(TemplateSourceCheck.Verdict gate) {
        this.gate = gate;
    }

    /** The raw output of both templates (the HTML inlined, the text not yet wrapped). */
    public record Bodies(String html, String text) {}

    /** Renders both templates in full with each field's value given by {@code value}. */
    public interface FullRender {
        Bodies render(PersonalFields fields, IntFunction<Object> value);
    }

    private record Pair(PrerenderedBody html, PrerenderedBody text) {
        Bodies fill(PersonalFields fields) {
            return new Bodies(html.fill(fields.values()), text.fill(fields.values()));
        }
    }

    /** The bodies for these fields: filled into the shape's stencils when it has them, else rendered in full. */
    public Bodies bodies(PersonalFields fields, FullRender renderer) {
        if (!gate.allowed() || !fields.stencilable()) {
            return renderer.render(fields, fields::value);
        }
        String shape = fields.shape();
        Optional<Pair> known = byShape.get(shape);
        if (known != null && known.isPresent()) {
            return known.get().fill(fields);
        }
        Bodies full = renderer.render(fields, fields::value);
        if (known == null && byShape.size() < MAX_SHAPES) {
            byShape.putIfAbsent(
                    shape,
                    find(fields, renderer).filter(pair -> pair.fill(fields).equals(full)));
        }
        return full;
    }

    /** Renders with both sentinel variants; a stencil pair when the template only printed the values. */
    private Optional<Pair> find(PersonalFields fields, FullRender renderer) {
        PrerenderedBody[] html = new PrerenderedBody[2];
        PrerenderedBody[] text = new PrerenderedBody[2];
        for (int variant = 0; variant < 2; variant++) {
            List<String> sentinel = sentinels.values(fields, variant);
            WatchedValues probe = new WatchedValues();
            Bodies bodies;
            try {
                bodies = renderer.render(fields, i -> sentinel.get(i).isEmpty() ? "" : probe.read(sentinel.get(i)));
            } catch (RuntimeException e) {
                return Optional.empty(); // the template does more with a value than print it
            }
            Optional<PrerenderedBody> htmlStencil = sentinels.read(bodies.html(), variant);
            Optional<PrerenderedBody> textStencil = sentinels.read(bodies.text(), variant);
            if (htmlStencil.isEmpty()
                    || !htmlStencil.get().escapesMarkup()
                    || textStencil.isEmpty()
                    || !probe.onlyPrinted(
                            htmlStencil.get().holes() + textStencil.get().holes())) {
                return Optional.empty();
            }
            html[variant] = htmlStencil.get();
            text[variant] = textStencil.get();
        }
        if (!html[0].sameAs(html[1]) || !text[0].sameAs(text[1])) {
            return Optional.empty();
        }
        return Optional.of(new Pair(html[0], text[0]));
    }

    /** How many shapes are rendered from stencils (for tests). */
    public long stencilled() {
        return byShape.values().stream().filter(Optional::isPresent).count();
    }
}
