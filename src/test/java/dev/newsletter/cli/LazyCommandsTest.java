package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A command line that names a subcommand builds only that one, and runs exactly as with all of them built. */
class LazyCommandsTest {
    private static Context context() {
        return new Context(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                Map.of(),
                Clock.systemUTC(),
                false);
    }

    @Test
    void everyCommandBuiltByNameIsTheOneOfThatNameAmongAll() {
        CommandLine all = Main.commandLine(context());

        all.getSubcommands()
                .forEach((name, command) -> Commands.named(name, context())
                        .ifPresent(one -> assertThat((one instanceof CommandLine built ? built : new CommandLine(one))
                                        .getCommandName())
                                .as("Commands.named(\"%s\")", name)
                                .isEqualTo(name)));
        assertThat(all.getSubcommands().keySet()).contains("send", "subscribers", "inbox", "run");
    }

    @Test
    void aCommandLineNamingASubcommandBuildsOnlyThatOne() {
        assertThat(Main.commandLine(context(), "--debug", "send", "issues/x.yaml")
                        .getSubcommands()
                        .keySet())
                .containsExactly("send");
    }

    @Test
    void helpUnknownCommandsAndBareOptionsStillSeeEveryCommand() {
        int all = Main.commandLine(context()).getSubcommands().size();

        assertThat(Main.commandLine(context(), "--help").getSubcommands()).hasSize(all);
        assertThat(Main.commandLine(context(), "sned", "x").getSubcommands()).hasSize(all);
        assertThat(Main.commandLine(context(), "--", "send").getSubcommands()).hasSize(all);
        assertThat(Main.commandLine(context(), "--help", "send").getSubcommands())
                .hasSize(all);
        assertThat(Main.commandLine(context(), "-h", "send").getSubcommands()).hasSize(all);
        assertThat(Main.commandLine(context()).getSubcommands()).hasSize(all);
    }

    @Test
    void aMistypedCommandIsStillAnsweredWithTheListOfCommands() {
        CliRun run = CliRun.of("sned", "issues/x.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Did you mean: newsletter schedule?");
    }

    @Test
    void aSubcommandsHelpIsTheSameBuiltAloneAsAmongAll() {
        StringWriter alone = new StringWriter();
        Main.commandLine(context(), "send", "--help")
                .getSubcommands()
                .get("send")
                .usage(new PrintWriter(alone));
        StringWriter among = new StringWriter();
        Main.commandLine(context()).getSubcommands().get("send").usage(new PrintWriter(among));

        assertThat(alone.toString()).isEqualTo(among.toString());
    }

    @Test
    void everyCommandIsReachableByItsNameAndListedByHelp() {
        CommandLine all = Main.commandLine(context());
        CliRun help = CliRun.of("--help");

        assertThat(all.getSubcommands()).hasSizeGreaterThanOrEqualTo(13);
        all.getSubcommands().forEach((name, command) -> {
            assertThat(Commands.named(name, context()))
                    .as("Commands.named(\"%s\")", name)
                    .isPresent();
            assertThat(Main.commandLine(context(), name, "--help").getSubcommands())
                    .as(name)
                    .containsOnlyKeys(name);
            assertThat(help.out()).as("--help").containsPattern("(?m)^\\s+" + name + "\\b");
            CliRun alone = CliRun.of(name, "--help");
            assertThat(alone.exitCode()).as(name + " --help: " + alone.err()).isZero();
        });
    }
}
