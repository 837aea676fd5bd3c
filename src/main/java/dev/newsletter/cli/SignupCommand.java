package dev.newsletter.cli;

import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.config.SignupSettings;
import dev.newsletter.site.SignupForm;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
                description =
                        "The list the form signs people up to (default: the first of signup.lists, else newsletter.list).")
        String list;

        @Spec
        CommandSpec spec;

        Form(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Config config = configOption.load();
            Optional<SignupSettings> signup = config.signup();
            String name = Project.list(
                    config,
                    list == null ? signup.map(SignupSettings::defaultList).orElse(null) : list);
            if (signup.isEmpty()) {
                context.err()
                        .println("warning: there is no signup: section in " + config.file()
                                + ", so the daemon answers this form with 404; add signup.lists (README, 'Signups').");
            } else if (!signup.get().lists().contains(name)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "list '" + name + "' is not in signup.lists "
                                + signup.get().lists() + ", so the daemon would add no one from this form");
            }
            context.out()
                    .print(SignupForm.html(
                            config.newsletter().baseUrl(),
                            config.newsletter().name(),
                            name,
                            signup.map(SignupSettings::fields).orElse(List.of())));
            context.out().flush();
            return ExitCode.OK;
        }
    }
}
