package dev.newsletter.subscriber;

import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import java.nio.file.Path;

/**
 * Problems of one file, kept up to a limit and counted beyond it, so that a broken file of a million
 * rows gives a readable report instead of a million lines.
 */
final class ProblemLimit {
    static final int LIMIT = 100;

    private final Path file;
    private final Problems problems = new Problems();
    private int count;

    ProblemLimit(Path file) {
        this.file = file;
    }

    void add(Problem problem) {
        if (count++ < LIMIT) {
            problems.add(problem);
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Throws with every problem kept, a count of those not shown and, if given, a closing remark. */
    void throwIfAny(String closing) {
        if (count == 0) {
            return;
        }
        if (count > LIMIT) {
            problems.add(Problem.inFile(file, (count - LIMIT) + " more problems not shown"));
        }
        if (closing != null) {
            problems.add(Problem.inFile(file, closing));
        }
        problems.throwIfAny();
    }
}
