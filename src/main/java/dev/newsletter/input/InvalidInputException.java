package dev.newsletter.input;

import java.util.List;
import java.util.stream.Collectors;

/** Input that cannot be used, with every problem found (not just the first). Maps to exit code 2. */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator())));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public static InvalidInputException of(Problem problem) {
        return new InvalidInputException(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
