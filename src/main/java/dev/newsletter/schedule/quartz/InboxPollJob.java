package dev.newsletter.schedule.quartz;

import dev.newsletter.schedule.InboxPoll;
import dev.newsletter.schedule.SchedulerUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.spi.JobFactory;

/**
 * The poll of the return mailbox ({@code inbox:}): one job, one trigger repeating every {@code
 * inbox.interval}, in a group of its own ({@link #GROUP}, kept out of the schedule list). Never two
 * polls at once ({@code @DisallowConcurrentExecution}): in a cluster the JDBC store lets one daemon at
 * a time run the job, so two nodes never move or apply the same message at once. What a poll does is
 * {@link InboxPoll}'s; a failed poll (already logged in one line) is thrown back to Quartz, and the
 * next one tries again.
 */
@DisallowConcurrentExecution
final class InboxPollJob implements Job {
    /** The group of the poll's job and trigger. */
    static final String GROUP = "inbox";

    static final JobKey JOB = JobKey.jobKey("inbox-poll", GROUP);
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("inbox-poll", GROUP);

    private final InboxPoll poll;

    InboxPollJob(InboxPoll poll) {
        this.poll = poll;
    }

    /**
     * Builds the poll job with {@code poll}, and every other job with {@code others}. Without an inbox
     * (an empty {@code poll}), a poll job left in a shared store by another daemon is refused.
     */
    static JobFactory factory(Optional<InboxPoll> poll, JobFactory others) {
        return (bundle, scheduler) -> {
            if (bundle.getJobDetail().getJobClass() != InboxPollJob.class) {
                return others.newJob(bundle, scheduler);
            }
            return new InboxPollJob(poll.orElseThrow(
                    () -> new SchedulerException("the store holds an inbox poll, but this config has no inbox:")));
        };
    }

    /**
     * Puts the poll in the store, or takes it out when there is no {@code inbox:}. A stored trigger
     * with the same interval is kept (with its next fire time), so restarting daemons of a cluster do
     * not each move the polls; a changed interval starts afresh, with a poll now.
     */
    static void sync(Scheduler scheduler, Optional<Duration> interval, Instant now) {
        try {
            if (interval.isEmpty()) {
                scheduler.deleteJob(JOB);
                return;
            }
            long millis = interval.get().toMillis();
            Trigger stored = scheduler.getTrigger(TRIGGER);
            if (stored instanceof SimpleTrigger simple
                    && simple.getRepeatInterval() == millis
                    && scheduler.checkExists(JOB)) {
                return;
            }
            JobDetail job = JobBuilder.newJob(InboxPollJob.class)
                    .withIdentity(JOB)
                    .withDescription("poll the return mailbox (inbox:)")
                    .build();
            Trigger trigger = TriggerBuilder.newTrigger()
                    .withIdentity(TRIGGER)
                    .forJob(JOB)
                    .startAt(Date.from(now))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(millis)
                            .repeatForever()
                            // polls missed while no daemon ran: one now, then on the interval
                            .withMisfireHandlingInstructionNowWithExistingCount())
                    .build();
            scheduler.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException("cannot store the inbox poll", e);
        }
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        if (!poll.poll()) {
            // already logged in one line by the poll; Quartz learns it failed, and fires it again on the interval
            throw new JobExecutionException("the inbox poll failed", false);
        }
    }
}
