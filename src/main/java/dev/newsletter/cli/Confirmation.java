package dev.newsletter.cli;

import dev.newsletter.app.Audience;
import dev.newsletter.app.Project;
import dev.newsletter.config.SmtpSettings;

/**
 * Asks before a real send from a terminal, saying what is about to happen: the issue, how many
 * people get it (those the journal does not have yet), from which list, and through which relay. Scripts (no terminal), {@code --yes} and
 * capture mode (nothing leaves the machine) are not asked.
 */
final class Confirmation {
    private Confirmation() {}

    static boolean confirmed(Context context, Project project, Audience audience, boolean yes) {
        SmtpSettings smtp = project.config().smtp();
        if (yes || !context.terminal() || smtp.mode() != SmtpSettings.Mode.RELAY) {
            return true;
        }
        if (!audience.isWholeList()) {
            String answer = context.prompt()
                    .ask(String.format(
                            "Send \"%s\" to %s through the relay %s:%d? [y/N] ",
                            project.issue().subject(), audience.describe(project), smtp.host(), smtp.port()));
            return answer != null && answer.strip().equalsIgnoreCase("y");
        }
        return confirmed(context, project, project.list(audience.firstList()), yes);
    }

    static boolean confirmed(Context context, Project project, String list, boolean yes) {
        SmtpSettings smtp = project.config().smtp();
        if (yes || !context.terminal() || smtp.mode() != SmtpSettings.Mode.RELAY) {
            return true;
        }
        long recipients = project.stillToSend(list);
        String answer = context.prompt()
                .ask(String.format(
                        "Send \"%s\" to %d %s of list '%s' through the relay %s:%d? [y/N] ",
                        project.issue().subject(),
                        recipients,
                        recipients == 1 ? "subscriber" : "subscribers",
                        list,
                        smtp.host(),
                        smtp.port()));
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }
}
