package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --help} at the terminal's width, with a complete one-line summary for every command. */
class HelpTest {
    private static String help(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        Context context = new Context(
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), env, Clock.systemUTC(), false);
        assertThat(Main.run(context, args)).isZero();
        return out.toString();
    }

    /** Every command's path from the top, e.g. [], [send], [dkim, keygen]. */
    private static List<List<String>> commands() {
        CommandLine root = Main.commandLine(new Context(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                Map.of(),
                Clock.systemUTC(),
                false));
        List<List<String>> all = new ArrayList<>();
        collect(root, List.of(), all);
        return all;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> all) {
        all.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> longer = new ArrayList<>(path);
            longer.add(name);
            collect(sub, longer, all);
        });
    }

    private static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        return header.length > 0 ? header[0] : spec.usageMessage().description()[0];
    }

    @Test
    void theTopLevelListGivesEachCommandAWholeSentenceOnOneLine() {
        String help = help(Map.of("COLUMNS", "80"), "--help");

        assertThat(help.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
        List<String> listed = help.lines()
                .dropWhile(line -> !line.equals("Commands:"))
                .skip(1)
                .takeWhile(line -> !line.isBlank())
                .toList();
        assertThat(listed)
                .hasSize(Main.commandLine(new Context(
                                new PrintWriter(new StringWriter()),
                                new PrintWriter(new StringWriter()),
                                Map.of(),
                                Clock.systemUTC(),
                                false))
                        .getSubcommands()
                        .size())
                .allSatisfy(line -> assertThat(line)
                        .as("a command and its summary on one line, ending a sentence")
                        .matches("  [a-z]+ +[A-Z].*\\."));
    }

    @Test
    void theSubscribersCommandsAreListedFromAddingToLinting() {
        String help = help(Map.of("COLUMNS", "80"), "subscribers", "--help");

        List<String> listed = help.lines()
                .dropWhile(line -> !line.equals("Commands:"))
                .skip(1)
                .takeWhile(line -> !line.isBlank())
                .map(line -> line.strip().split(" ")[0])
                .toList();
        assertThat(listed)
                .containsExactly(
                        "add",
                        "remove",
                        "unsubscribe",
                        "resubscribe",
                        "list",
                        "count",
                        "import",
                        "export",
                        "lint",
                        "bounced",
                        "prune");
    }

    @Test
    void everyCommandHasASummaryThatEndsASentenceAndFitsItsList() {
        CommandLine root = Main.commandLine(new Context(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                Map.of(),
                Clock.systemUTC(),
                false));
        List<CommandSpec> specs = new ArrayList<>();
        root.getSubcommands().values().forEach(command -> collectSpecs(command, specs));

        assertThat(specs).hasSizeGreaterThan(20).allSatisfy(spec -> {
            String summary = summary(spec);
            assertThat(summary).as(spec.qualifiedName()).endsWith(".");
            // a list shows it after "  <longest name>  ": 15 columns for 'subscribers' and 'resubscribe'
            assertThat(summary.length()).as(spec.qualifiedName()).isLessThanOrEqualTo(80 - 15);
        });
    }

    private static void collectSpecs(CommandLine command, List<CommandSpec> specs) {
        specs.add(command.getCommandSpec());
        command.getSubcommands().values().forEach(sub -> collectSpecs(sub, specs));
    }

    @Test
    void everyCommandsHelpFitsEightyColumns() {
        for (List<String> path : commands()) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");

            String help = help(Map.of("COLUMNS", "80"), args.toArray(String[]::new));

            assertThat(help.lines())
                    .as("newsletter %s --help", String.join(" ", path))
                    .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
        }
    }

    @Test
    void aWiderTerminalGetsWiderParagraphsUpToAHundredAndTwentyColumns() {
        String wide = help(Map.of("COLUMNS", "110"), "run", "--help");
        String huge = help(Map.of("COLUMNS", "400"), "run", "--help");

        assertThat(wide.lines().mapToInt(String::length).max().orElseThrow()).isBetween(81, 110);
        assertThat(huge.lines().mapToInt(String::length).max().orElseThrow()).isBetween(111, 120);
    }

    @Test
    void theWidthIsTheTerminalsWithinEightyToAHundredAndTwentyColumns() {
        assertThat(HelpWidth.of(Map.of(), false, () -> OptionalInt.of(200))).isEqualTo(80);
        assertThat(HelpWidth.of(Map.of(), true, () -> OptionalInt.of(100))).isEqualTo(100);
        assertThat(HelpWidth.of(Map.of(), true, () -> OptionalInt.of(200))).isEqualTo(120);
        assertThat(HelpWidth.of(Map.of(), true, () -> OptionalInt.of(40))).isEqualTo(80);
        assertThat(HelpWidth.of(Map.of(), true, OptionalInt::empty)).isEqualTo(80);
        assertThat(HelpWidth.of(Map.of("COLUMNS", "96"), true, () -> OptionalInt.of(200)))
                .isEqualTo(96);
        assertThat(HelpWidth.of(Map.of("COLUMNS", "wide"), false, () -> OptionalInt.of(200)))
                .isEqualTo(80);
    }
}
