package dev.newsletter.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch outside itself: where to print, the environment (secrets are read from
 * it, by the names the config gives), the clock, and whether stdout is a terminal (for progress).
 */
public record Context(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, boolean terminal) {}
