package dev.newsletter.render.stencil;

import java.util.ArrayList;
import java.util.List;

/**
 * The personal values of one {@link SlotFinder} render, handed to the template as {@link Value}s,
 * which print as their sentinel text and remember how the template used them. Slots are sound only
 * if the template did nothing with a personal value but print it (or test it for emptiness, which
 * the subscriber's shape already fixes): every value it read was turned into text, and as many
 * texts were printed as slots were found.
 */
final class WatchedValues {
    private final List<Value> read = new ArrayList<>();
    private int printed;
    private boolean unsafe;

    /** A fresh value for one read of a field: each read must end up as text. */
    Object handOut(String sentinel) {
        Value value = new Value(sentinel, this);
        synchronized (this) {
            read.add(value);
        }
        return value;
    }

    /** Whether the template only printed the values: {@code slots} is how many the output shows. */
    synchronized boolean onlyPrinted(int slots) {
        return !unsafe && printed == slots && read.stream().allMatch(value -> value.converted);
    }

    private synchronized void converted(Value value, Use use) {
        value.converted = true;
        switch (use) {
            case PRINT -> printed++;
            case EMPTINESS_TEST -> {
                // the shape fixes the answer
            }
            case LINK -> unsafe = true; // a link's base decides where parameters go ('?' or '&', before '#')
        }
    }

    private enum Use {
        PRINT,
        EMPTINESS_TEST,
        LINK
    }

    /**
     * A personal value as a template sees it while slots are found. Comparing it with anything
     * fails the render (OGNL compares through {@code equals} or {@code compareTo}), and so does
     * calling a method on it or reading a property; turning it into text is recorded.
     */
    static final class Value implements Comparable<Object> {
        private final String text;
        private final WatchedValues probe;
        private boolean converted;

        private Value(String text, WatchedValues probe) {
            this.text = text;
            this.probe = probe;
        }

        @Override
        public String toString() {
            probe.converted(this, use());
            return text;
        }

        /**
         * Who turns the value into text: {@code #strings.isEmpty(value)} (to test it), Thymeleaf's
         * link builder (to build a URL on it), or anything else, which prints it.
         */
        private static Use use() {
            return StackWalker.getInstance()
                    .walk(frames -> frames.limit(8)
                            .map(Value::useBy)
                            .filter(java.util.Objects::nonNull)
                            .findFirst()
                            .orElse(Use.PRINT));
        }

        private static Use useBy(StackWalker.StackFrame frame) {
            String type = frame.getClassName();
            if (type.equals("org.thymeleaf.expression.Strings")
                    && frame.getMethodName().equals("isEmpty")) {
                return Use.EMPTINESS_TEST;
            }
            if (type.startsWith("org.thymeleaf.linkbuilder.")
                    || type.equals("org.thymeleaf.standard.expression.LinkExpression")) {
                return Use.LINK;
            }
            return null;
        }

        @Override
        public boolean equals(Object other) {
            throw new UnsupportedOperationException("the template compares a personal value");
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public int compareTo(Object other) {
            throw new UnsupportedOperationException("the template compares a personal value");
        }
    }
}
