package dev.newsletter.schedule.quartz;

/** The keys of what jobs and triggers carry in the store (strings only: {@code useProperties}). */
final class TriggerData {
    /** Job: the issue file, as stored. */
    static final String ISSUE = "issue";
    /** Job: the list. */
    static final String LIST = "list";
    /** Trigger: {@code config}, {@code once} or {@code resume}. */
    static final String KIND = "kind";
    /** Trigger: the schedule a firing belongs to (its own id, or the interrupted one's). */
    static final String ORIGIN = "origin";
    /** Trigger: where the schedule came from, {@code config} or {@code once}. */
    static final String SOURCE = "source";
    /** Trigger: the zone its times are shown in. */
    static final String ZONE = "zone";
    /** Resume trigger: the interrupted firing's due time, epoch milliseconds. */
    static final String DUE = "due";
    /** Resume trigger: whether the interrupted firing had sent to anyone. */
    static final String SENT_SOME = "sentSome";

    static final String KIND_CONFIG = "config";
    static final String KIND_ONCE = "once";
    static final String KIND_RESUME = "resume";

    private TriggerData() {}
}
