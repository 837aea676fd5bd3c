package dev.newsletter.schedule.quartz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.quartz.JobKey;
import org.quartz.TriggerKey;

/**
 * How schedules are written in the Quartz store: the names of jobs and triggers, and the keys of
 * the data they carry. One job per issue and list ({@code send} group,
 * named {@code <issue>@<list>}), so every firing for the same issue and list, whichever schedule
 * fires it, is the same job and never runs twice at once ({@code @DisallowConcurrentExecution},
 * also across a cluster). Each schedule is one trigger of that job; the trigger's name is the
 * schedule's id. Names derive from the config, so a restarted daemon finds and keeps its triggers
 * (with their last fire times) instead of adding duplicates.
 *
 * <p>Jobs and triggers carry strings only ({@code useProperties}): the job its issue and list; the
 * trigger its kind (the name of its group), where it comes from, and the zone its times are shown in.
 */
final class ScheduleKeys {
    /** Jobs: one per issue and list. */
    static final String JOB_GROUP = "send";
    /** Schedules from {@code schedules:} in the config. */
    static final String CONFIG_GROUP = "config";
    /** One-shot sends added with {@code schedule add}. */
    static final String ONCE_GROUP = "once";
    /** The rest of a send interrupted by a daemon stop. */
    static final String RESUME_GROUP = "resume";

    /** Job data: the issue file, as stored. */
    static final String ISSUE = "issue";
    /** Job data: the list. */
    static final String LIST = "list";
    /** Trigger data: its kind, the name of its group: {@link #CONFIG_GROUP}, {@link #ONCE_GROUP} or {@link #RESUME_GROUP}. */
    static final String KIND = "kind";
    /** Trigger data: the schedule a firing belongs to (its own id, or the interrupted one's). */
    static final String ORIGIN = "origin";
    /** Trigger data: where the schedule came from, {@code config} or {@code once}. */
    static final String SOURCE = "source";
    /** Trigger data: the zone its times are shown in. */
    static final String ZONE = "zone";
    /** Resume trigger data: the interrupted firing's due time, epoch milliseconds. */
    static final String DUE = "due";
    /** Resume trigger data: whether the interrupted firing had sent to anyone. */
    static final String SENT_SOME = "sentSome";

    static final String ONCE_PREFIX = "once-";
    static final String RESUME_PREFIX = "resume-";

    /** Quartz keeps names in VARCHAR(200) columns. */
    private static final int MAX_NAME = 190;

    private ScheduleKeys() {}

    static JobKey job(String issue, String list) {
        return JobKey.jobKey(fit(issue + "@" + list), JOB_GROUP);
    }

    /** The id of the {@code n}th (1-based) config schedule for the whole of the same issue and list. */
    static TriggerKey configTrigger(String issue, String list, int n) {
        return configTrigger(issue, list, "", n);
    }

    /**
     * The id of the {@code n}th (1-based) config schedule for the same issue, list and segment: the
     * whole list's ids are {@code issue@list} and {@code issue@list#2}; a segment's carry {@code ~}
     * and a hash of {@code segment} (its tags and conditions, in a fixed order), so that a schedule
     * never takes over the id, and with it the handed-on firings, of one for other people.
     *
     * @param segment the segment's tags and conditions as text; "" for the whole list
     */
    static TriggerKey configTrigger(String issue, String list, String segment, int n) {
        String base = issue + "@" + list + (segment.isEmpty() ? "" : "~" + hash(segment));
        return TriggerKey.triggerKey(fit(n == 1 ? base : base + "#" + n), CONFIG_GROUP);
    }

    static TriggerKey onceTrigger(int number) {
        return TriggerKey.triggerKey(ONCE_PREFIX + number, ONCE_GROUP);
    }

    static TriggerKey resumeTrigger(String token) {
        return TriggerKey.triggerKey(RESUME_PREFIX + token, RESUME_GROUP);
    }

    /** Keeps long names unique and within the column size: a prefix plus a hash of the whole. */
    static String fit(String name) {
        if (name.length() <= MAX_NAME) {
            return name;
        }
        return name.substring(0, MAX_NAME - 13) + "~" + hash(name);
    }

    /** Twelve hex digits of the SHA-256 of {@code text}. */
    private static String hash(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
