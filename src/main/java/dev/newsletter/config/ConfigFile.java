package dev.newsletter.config;

import java.util.List;

/** The shape of {@code config/newsletter.yaml} as written; {@link ConfigLoader} validates it into a {@link Config}. */
record ConfigFile(
        NewsletterSettings newsletter,
        SmtpSettings smtp,
        SendingSettings sending,
        DkimSettings dkim,
        UnsubscribeSettings unsubscribe,
        HttpSettings http,
        SchedulerSettings scheduler,
        List<ScheduleSettings> schedules,
        CheckSettings check,
        BounceSettings bounces,
        SignupSettings signup,
        InboxSettings inbox,
        ImageMode images) {}
