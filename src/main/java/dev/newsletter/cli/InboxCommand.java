package dev.newsletter.cli;

import dev.newsletter.app.InboxScans;
import dev.newsletter.app.UnsubscribeSecret;
import dev.newsletter.bounce.InboxScan;
import dev.newsletter.bounce.Kind;
import dev.newsletter.bounce.MailboxUnavailableException;
import dev.newsletter.bounce.Maildir;
import dev.newsletter.bounce.Mbox;
import dev.newsletter.bounce.MessageSource;
import dev.newsletter.bounce.ScanLine;
import dev.newsletter.bounce.SingleMessage;
import dev.newsletter.config.Config;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code newsletter inbox …}: read what comes back — bounces, complaints, auto-replies, mailed unsubscribes. */
@Command(
        name = "inbox",
        mixinStandardHelpOptions = true,
        header = "Read what comes back: bounces, complaints, mailed unsubscribes.",
        description = {"Read the bounce mailbox: bounces, spam complaints, auto-replies and mailed unsubscribes."},
        synopsisSubcommandLabel = "COMMAND")
final class InboxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private InboxCommand() {}

    static CommandLine commandLine(Context context) {
        return new CommandLine(new InboxCommand()).addSubcommand(new Scan(context));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "scan",
            mixinStandardHelpOptions = true,
            header = "Classify returned mail; with --apply, keep the lists clean.",
            description = {
                "Classify every message of the IMAP mailbox configured under inbox: (or of a maildir, an mbox file",
                "or standard input) as hard-bounce, soft-bounce,",
                "complaint, auto-reply, unsubscribe or other, find the issue and list it answers through the",
                "delivery journals, and show what --apply would do (suppress, count, unsubscribe, none).",
                "Without --apply it changes nothing. With --apply: a hard bounce marks the address bounced and",
                "suppresses it, a complaint marks it complained and suppresses it, a mailed unsubscribe",
                "unsubscribes, soft bounces are counted (bounces.softLimit issues within bounces.softWindow",
                "suppress); each message is recorded in var/inbox/processed.jsonl and never applied twice.",
                "From IMAP, a dry run changes nothing on the server (read-only, nothing marked seen); --apply",
                "moves each recorded message to inbox.doneFolder."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./newsletter inbox scan                       (the IMAP mailbox of inbox:)",
                "  ./newsletter inbox scan --apply",
                "  ./newsletter inbox scan --maildir ~/Maildir/.bounces",
                "  ./newsletter inbox scan --mbox /var/mail/bounces --format json > findings.jsonl",
                "  ./newsletter inbox scan --stdin < message.eml",
                "  ./newsletter inbox scan --maildir ~/Maildir/.bounces --apply",
                "",
                "Exit codes: 0 every message was read (whatever was in it) and, with --apply, dealt with; 1 some",
                "            messages could not be read or changed (named; tried again next time); 2 bad arguments",
                "            or an unreadable source (an IMAP server that cannot be reached or refuses the login); a",
                "            mailbox that fails after --apply changed something: 1, with what was done."
            })
    static final class Scan implements Callable<Integer> {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        private final Context context;

        @Mixin
        ConfigOption config;

        @Option(names = "--maildir", paramLabel = "DIR", description = "A maildir: reads new/ and cur/.")
        Path maildir;

        @Option(names = "--mbox", paramLabel = "FILE", description = "An mbox file.")
        Path mbox;

        @Option(names = "--stdin", description = "One message on standard input (a Postfix pipe, procmail, fetchmail).")
        boolean stdin;

        @Option(
                names = "--apply",
                description = "Do it: suppress hard bounces and complainers, count soft bounces, unsubscribe.")
        boolean apply;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                defaultValue = "table",
                description = "table (default, for people) or json (JSON Lines, one line per message and recipient).")
        String format;

        Scan(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            boolean json = switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> true;
                case "table" -> false;
                default -> throw invalid("--format must be table or json, not '" + format + "'");
            };
            Config loaded = config.load();
            MessageSource source = source(loaded);
            InboxScan scan = InboxScans.scan(loaded, tokens(loaded), context.env());
            PrintWriter out = context.out();
            Table table = new Table(out, apply);
            Consumer<ScanLine> shown = json ? line -> out.println(JSON.writeValueAsString(fields(line))) : table::add;
            int[] applied = {0};
            Consumer<ScanLine> printer = line -> {
                applied[0]++;
                shown.accept(line);
            };
            Consumer<String> unreadable = problem -> context.err().println("error: cannot read " + problem);
            InboxScan.Summary summary;
            try {
                summary = apply
                        ? scan.apply(source, InboxScans.applying(loaded, context.clock()), printer, unreadable)
                        : scan.scan(source, printer, unreadable);
            } catch (MailboxUnavailableException e) {
                if (!apply || applied[0] == 0) {
                    out.flush();
                    throw new CannotStartException(e.getMessage(), e);
                }
                // lists were changed before the mailbox failed: say what was done, and that the run is incomplete
                if (!json) {
                    table.print();
                }
                out.flush();
                context.err()
                        .println("error: " + e.getMessage() + "; what is shown was applied, the rest stays in the"
                                + " folder for the next scan");
                return ExitCode.INCOMPLETE;
            }
            if (!json) {
                table.print();
            }
            PrintWriter summaryOut = json ? context.err() : out;
            summaryOut.println(summary(summary, apply));
            out.flush();
            return summary.unreadable() > 0 || summary.failed() > 0 ? ExitCode.INCOMPLETE : ExitCode.OK;
        }

        private MessageSource source(Config loaded) {
            int given = (maildir != null ? 1 : 0) + (mbox != null ? 1 : 0) + (stdin ? 1 : 0);
            if (given > 1) {
                throw invalid("give only one of --maildir, --mbox and --stdin");
            }
            if (given == 0) {
                // the configured IMAP mailbox (inbox:); without one, a line saying what to configure
                return InboxScans.mailbox(loaded, context.env(), context.clock(), apply);
            }
            if (maildir != null) {
                return Maildir.open(maildir);
            }
            if (mbox != null) {
                return Mbox.open(mbox);
            }
            return new SingleMessage(System.in);
        }

        /** Tokens to check mailed unsubscribes with; without the secret they are reported as other. */
        private Optional<UnsubscribeTokens> tokens(Config loaded) {
            Optional<String> problem = UnsubscribeSecret.problem(loaded, context.env());
            if (problem.isPresent()) {
                context.err()
                        .println("warning: mailed unsubscribes cannot be checked (" + problem.get()
                                + "); they show as other.");
                return Optional.empty();
            }
            return InboxScans.tokens(loaded, context.env());
        }

        private static Map<String, Object> fields(ScanLine line) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("source", line.source());
            fields.put("kind", line.kind().label());
            fields.put("recipient", line.recipient());
            fields.put("status", line.status());
            fields.put("diagnostic", line.diagnostic());
            fields.put("messageId", line.messageId());
            fields.put("issue", line.issue());
            fields.put("list", line.list());
            fields.put("action", line.action());
            if (line.result() != null) {
                fields.put("result", line.result());
            }
            return fields;
        }

        private static String summary(InboxScan.Summary summary, boolean applied) {
            StringBuilder text = new StringBuilder();
            text.append(summary.messages()).append(summary.messages() == 1 ? " message" : " messages");
            if (summary.unreadable() > 0) {
                text.append(" (").append(summary.unreadable()).append(" unreadable)");
            }
            text.append(":");
            boolean first = true;
            for (Kind kind : Kind.values()) {
                Integer count = summary.lines().get(kind);
                if (count != null) {
                    text.append(first ? " " : ", ").append(count).append(' ').append(kind.label());
                    first = false;
                }
            }
            if (first) {
                text.append(" nothing found");
            }
            if (!applied) {
                return text.append(". Dry run: nothing was changed (--apply does it).")
                        .toString();
            }
            text.append(". Applied:");
            first = true;
            for (String action : List.of("suppress", "unsubscribe", "count", "none")) {
                Integer count = summary.actions().get(action);
                if (count != null) {
                    text.append(first ? " " : ", ").append(count).append(' ').append(action);
                    first = false;
                }
            }
            if (first) {
                text.append(" nothing");
            }
            if (summary.alreadyProcessed() > 0) {
                text.append(" (")
                        .append(summary.alreadyProcessed())
                        .append(summary.alreadyProcessed() == 1 ? " message" : " messages")
                        .append(" already processed)");
            }
            if (summary.failed() > 0) {
                text.append("; ")
                        .append(summary.failed())
                        .append(summary.failed() == 1 ? " message" : " messages")
                        .append(" could not be applied and will be tried again");
            }
            return text.append('.').toString();
        }

        private static InvalidInputException invalid(String message) {
            return InvalidInputException.of(Problem.inFile(Path.of("inbox scan"), message));
        }
    }

    /** The table for people: one row per line, columns as wide as their widest cell (the diagnostic cut). */
    private static final class Table {
        private static final String[] HEADER = {
            "SOURCE", "KIND", "RECIPIENT", "STATUS", "ACTION", "ISSUE/LIST", "DIAGNOSTIC"
        };
        private static final String[] APPLIED_HEADER = {
            "SOURCE", "KIND", "RECIPIENT", "STATUS", "ACTION", "ISSUE/LIST", "DIAGNOSTIC", "RESULT"
        };
        private final PrintWriter out;
        private final String[] header;
        private final java.util.List<String[]> rows = new java.util.ArrayList<>();

        /** With {@code applied}, a last column says what was done. */
        Table(PrintWriter out, boolean applied) {
            this.out = out;
            this.header = applied ? APPLIED_HEADER : HEADER;
        }

        void add(ScanLine line) {
            String[] row = {
                line.source(),
                line.kind().label(),
                dash(line.recipient()),
                dash(line.status()),
                line.action(),
                line.issue() == null ? dash(line.list()) : line.issue() + "/" + dash(line.list()),
                cut(dash(line.diagnostic()), header.length > HEADER.length ? 40 : 70),
                dash(line.result())
            };
            rows.add(java.util.Arrays.copyOf(row, header.length));
        }

        void print() {
            if (rows.isEmpty()) {
                return;
            }
            int[] widths = new int[header.length];
            for (String[] row : prepend()) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : prepend()) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    text.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
                }
                out.println(text.toString().stripTrailing());
            }
            out.println();
        }

        private java.util.List<String[]> prepend() {
            java.util.List<String[]> all = new java.util.ArrayList<>(rows.size() + 1);
            all.add(header);
            all.addAll(rows);
            return all;
        }

        private static String dash(String value) {
            return value == null ? "-" : value;
        }

        private static String cut(String value, int width) {
            return value.length() <= width ? value : value.substring(0, width - 1) + "…";
        }
    }
}
