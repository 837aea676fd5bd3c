package dev.newsletter.schedule;

import java.util.List;

/**
 * Which daemons use the store, as far as a command can tell.
 *
 * @param known whether it can be told at all (not for the memory store)
 * @param daemons the running daemons ({@code pid 1234 on host}, or a cluster instance id)
 */
public record DaemonStatus(boolean known, List<String> daemons) {}
