package dev.newsletter.schedule.quartz;

import dev.newsletter.schedule.Firing;
import dev.newsletter.schedule.FiringOutcome;
import dev.newsletter.schedule.FiringRunner;
import java.time.Clock;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;

/**
 * The one job: send an issue to a list. One job per issue and list, and never two executions of it
 * at once ({@code @DisallowConcurrentExecution}; in a cluster, across daemons). Built by its {@link
 * #factory} with what it needs; a failed firing is thrown back to Quartz, not swallowed.
 */
@DisallowConcurrentExecution
final class SendJob implements Job {
    private final FiringRunner runner;
    private final Clock clock;

    private SendJob(FiringRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    /** Builds every job the daemon runs, by hand, with its collaborators; refuses job classes it does not know. */
    static JobFactory factory(FiringRunner runner, Clock clock) {
        return (bundle, scheduler) -> {
            Class<? extends Job> type = bundle.getJobDetail().getJobClass();
            if (type != SendJob.class) {
                throw new SchedulerException("the store holds a job of an unknown class: " + type.getName());
            }
            return new SendJob(runner, clock);
        };
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        Firing firing = QuartzFirings.of(context);
        FiringOutcome outcome = runner.run(
                firing,
                (interrupted, sentSome) -> QuartzFirings.resume(
                        context.getScheduler(),
                        context.getJobDetail().getKey(),
                        interrupted,
                        sentSome,
                        clock.instant()));
        if (outcome.result() == FiringOutcome.Result.FAILED) {
            throw new JobExecutionException(firing.scheduleId() + ": " + outcome.summary(), false);
        }
    }
}
