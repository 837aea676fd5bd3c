package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.app.SendStoppedException;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.journal.JournalLockedException;
import dev.newsletter.schedule.SchedulerUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each kind of failure: its exit code, one line to read, and the stack trace only with --debug. */
class FailuresTest {
    private final StringWriter err = new StringWriter();

    private int report(Throwable e, boolean debug) {
        return Failures.report(e, new PrintWriter(err, true), debug);
    }

    @Test
    void aFullDiskBeforeTheFirstMessageIsExit2InOneLine() {
        int code = report(
                new UncheckedIOException(
                        "cannot open the journal var/x.jsonl", new IOException("No space left on device")),
                false);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("error: cannot open the journal var/x.jsonl: the disk is full; free some space, then run"
                        + " the same command again; nothing was sent or changed.\n");
    }

    @Test
    void aSendThatStoppedPartWayIsExit1() {
        int code = report(
                new SendStoppedException(new UncheckedIOException(
                        "cannot read subscribers/x.csv", new IOException("Input/output error"))),
                false);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("error: the send stopped part way: cannot read subscribers/x.csv: Input/output error\n")
                .contains("run the same command again to continue");
    }

    @Test
    void badInputAndALockedJournalAreExit2() {
        assertThat(report(InvalidInputException.of(Problem.atLine(Path.of("a.csv"), 3, "bad")), false))
                .isEqualTo(2);
        assertThat(report(new JournalLockedException(Path.of("var/x.jsonl")), false))
                .isEqualTo(2);
        assertThat(err.toString()).contains("error: a.csv:3: bad").contains("another send");
    }

    @Test
    void anUnreachableScheduleStoreIsExit1InOneLine() {
        int code = report(
                new SchedulerUnavailableException("the scheduler store cannot be reached", new IOException("refused")),
                false);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: the scheduler store cannot be reached: refused\n");
    }

    @Test
    void aCommandThatCannotStartIsExit2InItsOwnLineWithTheStackTraceOnlyWithDebug() {
        assertThat(report(new CannotStartException("--http-only needs http.port in config/newsletter.yaml"), false))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --http-only needs http.port in config/newsletter.yaml\n");

        report(new CannotStartException("no port"), true);

        assertThat(err.toString()).contains("\tat ");
    }

    @Test
    void aBugIsExit1AndTheStackTraceOnlyWithDebug() {
        assertThat(report(new IllegalStateException("oops"), false)).isEqualTo(1);
        assertThat(err.toString()).contains("oops").contains("--debug").doesNotContain("\tat ");

        report(new IllegalStateException("oops"), true);

        assertThat(err.toString()).contains("\tat ");
    }
}
