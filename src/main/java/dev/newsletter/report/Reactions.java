package dev.newsletter.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reactions to one issue's send to one list, counted once per address and kind (a bounce that
 * arrives twice, or is both in the journal and in the inbox, is one). The first {@link #SHOWN} are
 * kept for the report's tables (shown in the order found).
 */
final class Reactions {
    static final int SHOWN = 1_000;

    private final Map<Reaction.Kind, Set<String>> keys = new EnumMap<>(Reaction.Kind.class);
    private final List<Reaction> shown = new ArrayList<>();

    Reactions() {
        for (Reaction.Kind kind : Reaction.Kind.values()) {
            keys.put(kind, new HashSet<>());
        }
    }

    void add(Reaction reaction) {
        if (keys.get(reaction.kind()).add(reaction.key()) && shown.size() < SHOWN) {
            shown.add(reaction);
        }
    }

    long count(Reaction.Kind kind) {
        return keys.get(kind).size();
    }

    /** Hard and soft bounces, an address counted once even if it did both. */
    long bounces() {
        Set<String> all = new HashSet<>(keys.get(Reaction.Kind.HARD_BOUNCE));
        all.addAll(keys.get(Reaction.Kind.SOFT_BOUNCE));
        return all.size();
    }

    List<Reaction> shown() {
        return shown;
    }

    long total() {
        long total = 0;
        for (Set<String> set : keys.values()) {
            total += set.size();
        }
        return total;
    }
}
