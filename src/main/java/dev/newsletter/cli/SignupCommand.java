package dev.newsletter.cli;

import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.site.SignupForm;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "signup",
        mixinStandardHelpOptions = true,
        header = "Help people subscribe: the form for a web page.",
        description = {"Help people subscribe: the form for a web page."},
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExamples:%n",
        footer = {"  ./newsletter signup form", "  ./newsletter signup form --list alumni > signup-form.html"})
final class SignupCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private SignupCommand() {}

    static CommandLine commandLine(Context context) {
        return new CommandLine(new SignupCommand()).addSubcommand(new Form(context));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "form",
            mixinStandardHelpOptions = true,
            header = "Print an HTML signup form to paste into a web page.",
            description = {
                "Print an HTML form to paste into a web page: it posts email, name and the list to"
                        + " <newsletter.baseUrl>/subscribe, where the daemon ('run' with http.port) takes signups,"
                        + " and has a hidden honeypot field (website) that only bots fill in."
            },
            footerHeading = "%nExamples:%n",
            footer = {"  ./newsletter signup form", "  ./newsletter signup form --list alumni > signup-form.html"})
    static final class Form implements Callable<Integer> {
        private final Context context;

        @Mixin
        ConfigOption configOption;

        @Option(
                names = "--list",
                paramLabel = "NAME",
                description = "The list the form signs people up to (default: newsletter.list).")
        String list;

        Form(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Config config = configOption.load();
            String name = Project.list(config, list);
            context.out()
                    .print(SignupForm.html(
                            config.newsletter().baseUrl(), config.newsletter().name(), name, List.of()));
            context.out().flush();
            return ExitCode.OK;
        }
    }
}
