package dev.newsletter.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches one stencil-finding render: hands out the personal values as {@link Value}s, which print
 * as their sentinel text and remember how the template used them. A stencil is sound only if the
 * template did nothing with a personal value but print it (or test it for emptiness, which the
 * {@link PersonalFields#shape() shape} already fixes): every value it read was turned into text,
 * and as many texts were printed as holes were found.
 */
final class StencilProbe {
    private final List<Value> read = new ArrayList<>();
    private int printed;

    /** A fresh value for one read of a field: each read must end up as text. */
    Object read(String sentinel) {
        Value value = new Value(sentinel, this);
        synchronized (this) {
            read.add(value);
        }
        return value;
    }

    /** Whether the template only printed the values: {@code holes} is how many the output shows. */
    synchronized boolean onlyPrinted(int holes) {
        return printed == holes && read.stream().allMatch(value -> value.converted);
    }

    private synchronized void converted(Value value, boolean emptinessTest) {
        value.converted = true;
        if (!emptinessTest) {
            printed++;
        }
    }

    /**
     * A personal value as a template sees it while stencils are found. Comparing it with anything
     * fails the render (OGNL compares through {@code equals} or {@code compareTo}), and so does
     * calling a method on it or reading a property; turning it into text is recorded.
     */
    static final class Value implements Comparable<Object> {
        private final String text;
        private final StencilProbe probe;
        private boolean converted;

        private Value(String text, StencilProbe probe) {
            this.text = text;
            this.probe = probe;
        }

        @Override
        public String toString() {
            probe.converted(this, calledByIsEmpty());
            return text;
        }

        /** {@code #strings.isEmpty(value)} converts the value to test it; the shape fixes that answer. */
        private static boolean calledByIsEmpty() {
            return StackWalker.getInstance()
                    .walk(frames -> frames.limit(4)
                            .anyMatch(frame -> frame.getClassName().equals("org.thymeleaf.expression.Strings")
                                    && frame.getMethodName().equals("isEmpty")));
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
