package dev.newsletter.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch outside itself: where to print, the environment (secrets are read from
 * it, by the names the config gives), the clock, whether stdout is a terminal (for progress), and
 * how to ask the user a question (the terminal; tests answer for the user).
 */
public record Context(
        PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, boolean terminal, Prompt prompt) {

    /** Questions are asked on the process's console, when it has one. */
    public Context(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, boolean terminal) {
        this(out, err, env, clock, terminal, Prompt.console());
    }

    /** Asks the user one question and returns the answer, or null when no one can answer. */
    @FunctionalInterface
    public interface Prompt {
        String ask(String question);

        static Prompt console() {
            return question -> {
                Console console = System.console();
                return console == null ? null : console.readLine("%s", question);
            };
        }
    }
}
