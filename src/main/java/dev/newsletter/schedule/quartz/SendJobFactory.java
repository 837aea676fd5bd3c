package dev.newsletter.schedule.quartz;

import dev.newsletter.schedule.FiringRunner;
import java.time.Clock;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Builds every job the daemon runs, by hand, with its collaborators; refuses job classes it does not know. */
final class SendJobFactory implements JobFactory {
    private final FiringRunner runner;
    private final Clock clock;

    SendJobFactory(FiringRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        if (type != SendJob.class) {
            throw new SchedulerException("the store holds a job of an unknown class: " + type.getName());
        }
        return new SendJob(runner, clock);
    }
}
