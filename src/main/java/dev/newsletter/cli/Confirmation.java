package dev.newsletter.cli;

import dev.newsletter.app.Project;
import dev.newsletter.config.SmtpSettings;
import java.io.Console;

/** Asks before a real send from a terminal; scripts (no terminal) and {@code --yes} are not asked. */
final class Confirmation {
    private Confirmation() {}

    static boolean confirmed(Context context, Project project, boolean yes) {
        Console console = System.console();
        if (yes
                || !context.terminal()
                || console == null
                || project.config().smtp().mode() != SmtpSettings.Mode.RELAY) {
            return true;
        }
        String answer = console.readLine(
                "Send \"%s\" to the subscribers of the list through %s? [y/N] ",
                project.issue().subject(), project.config().smtp().host());
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }
}
