package dev.newsletter.schedule.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsletter.schedule.Await;
import dev.newsletter.schedule.DaemonProcess;
import dev.newsletter.schedule.FiringOutcome;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.schedule.SmtpSink;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;

/**
 * Two daemons on the clustered PostgreSQL store, sharing the database and the project folder, as
 * on two machines: each schedule fires once, and when the daemon sending a list dies, the other
 * recovers the job and finishes the list from the journal. Needs a PostgreSQL server: run the
 * build through {@code scripts/test-postgres.sh} (CI: {@code .ci/postgres.sh}), which starts a
 * throwaway one and sets NEWSLETTER_TEST_POSTGRES_URL and NEWSLETTER_TEST_POSTGRES_PASSWORD.
 */
class ClusteredDaemonIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String ISSUE = "issues/2024-fall.yaml";
    /**
     * The small list gets an issue of its own: two lists of one issue are sent one at a time (the
     * issue-wide send lock), so the small send would wait for the big one, which the sink holds.
     */
    private static final String SMALL_ISSUE = "issues/2024-fall-small.yaml";
    /** What a firing's send logs once it has read the list (once per send). */
    private static final String SMALL_SEND = "[once-1] The PDL Packet — Fall 2024 to list 'small'";

    private static final String BIG_SEND = "[once-2] The PDL Packet — Fall 2024 to list 'big'";

    @TempDir
    Path folder;

    private String url;
    private Map<String, String> env;

    @BeforeEach
    void needsPostgres() {
        url = System.getenv("NEWSLETTER_TEST_POSTGRES_URL");
        assumeTrue(
                url != null && !url.isBlank(),
                "no PostgreSQL for the clustered scheduler test: run scripts/test-postgres.sh ./mvnw -B verify"
                        + " (it starts a throwaway server; CI: .ci/postgres.sh)");
        env = new HashMap<>(SampleProject.ENV);
        env.put("NEWSLETTER_DB_PASSWORD", System.getenv().getOrDefault("NEWSLETTER_TEST_POSTGRES_PASSWORD", ""));
    }

    @Test
    void twoDaemonsFireEachScheduleOnceAndTheSurvivorFinishesTheSendOfOneThatDied() throws Exception {
        try (SmtpSink sink = new SmtpSink(Duration.ZERO)) {
            // the big list's send stops after 5 messages until its daemon is dead: under way, not done
            sink.holdAfter(5, to -> to.startsWith("big"));
            // a List-Id of its own: the database may hold other runs' schedules
            String newsletter =
                    "cluster-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            SampleProject project = SampleProject.withTestConfig(folder.resolve("shared"))
                    .listId(newsletter + ".example.org")
                    .relay(sink.port(), 1)
                    .scheduler("  store: postgres\n  jdbcUrl: " + url + "\n  misfireGrace: 1h\n")
                    .list("small", 5)
                    .list("big", 40);
            Clock clock = Clock.systemDefaultZone();
            String[] cluster = {"-Dorg.quartz.jobStore.clusterCheckinInterval=1000"};
            DaemonProcess a = DaemonProcess.start(project.config(), folder.resolve("a.log"), env, cluster);
            DaemonProcess b = DaemonProcess.start(project.config(), folder.resolve("b.log"), env, cluster);
            try {
                List<DaemonProcess> both = List.of(a, b);
                Await.until(
                        PATIENCE,
                        () -> both.stream().allMatch(d -> d.printed("scheduler started")),
                        () -> "both daemons to start; logs:\n" + a.output() + "\n---\n" + b.output());
                Instant asked = clock.instant();
                Instant soon = asked.plusSeconds(2);
                try (ScheduleBook book =
                        ScheduleBook.open(project.loadConfig(), env, clock, SchedulerTuning.defaults())) {
                    Await.until(
                            PATIENCE,
                            () -> book.daemons().daemons().size() == 2,
                            () -> "the store to show both daemons checked in: " + book.daemons());
                    Path issue = project.resolve(ISSUE);
                    Path smallIssue = project.resolve(SMALL_ISSUE);
                    Files.writeString(
                            smallIssue, Files.readString(issue).replace("id: 2024-fall\n", "id: 2024-fall-small\n"));
                    book.addOnce(smallIssue, "small", soon, ZoneOffset.UTC, asked);
                    book.addOnce(issue, "big", soon, ZoneOffset.UTC, asked);
                }
                // once-1 done (its trigger gone from the store: Quartz recovers nothing of it), once-2 held
                try (SchedulerStore store =
                        SchedulerStore.open(project.loadConfig(), env, SchedulerTuning.defaults())) {
                    Await.until(
                            PATIENCE,
                            () -> both.stream().anyMatch(d -> d.printed(BIG_SEND))
                                    && both.stream().anyMatch(d -> d.printed("[once-1] sent:"))
                                    && sink.held() >= 1
                                    && !exists(store, ScheduleKeys.onceTrigger(1)),
                            () -> "a daemon to be sending the big list; logs:\n" + a.output() + "\n---\n" + b.output());
                }
                DaemonProcess sender = a.printed(BIG_SEND) ? a : b;
                DaemonProcess survivor = sender == a ? b : a;
                sender.kill();
                int beforeDeath = sink.recipients();
                sink.release(); // the dead daemon's message in flight arrives; it never hears the reply

                Await.until(
                        PATIENCE,
                        () -> survivor.printed("[once-2] sent:"),
                        () -> "the survivor to finish the big list; its log:\n" + survivor.output()
                                + "\n--- the log of the daemon killed:\n" + sender.output());

                assertThat(survivor.output())
                        .contains(
                                "[once-2] recovering the send of issues/2024-fall.yaml to list 'big' whose daemon died");
                assertThat(beforeDeath).isEqualTo(10);
                for (int i = 1; i <= 40; i++) {
                    assertThat(sink.receivedBy(String.format("big%04d@example.org", i)))
                            .as("big%04d", i)
                            .isBetween(1, 2);
                }
                assertThat(sink.duplicated())
                        .as("only the message in flight may go twice")
                        .isLessThanOrEqualTo(1);
                String logs = "\n" + a.output() + "\n---\n" + b.output();
                assertThat(count(a, b, SMALL_SEND))
                        .as("once-1 fired on one daemon, once" + logs)
                        .isEqualTo(1);
                assertThat(count(sender, sender, BIG_SEND))
                        .as("once-2 fired on one daemon, once" + logs)
                        .isEqualTo(1);
                assertThat(count(survivor, survivor, BIG_SEND))
                        .as("and the other recovered it" + logs)
                        .isEqualTo(1);
                for (int i = 1; i <= 5; i++) {
                    assertThat(sink.receivedBy(String.format("small%04d@example.org", i)))
                            .isEqualTo(1);
                }

                survivor.process().destroy();
                assertThat(survivor.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(survivor.process().exitValue()).as(survivor.output()).isZero();
            } finally {
                a.kill();
                b.kill();
            }
            try (ScheduleBook book = ScheduleBook.open(project.loadConfig(), env, clock, SchedulerTuning.defaults())) {
                assertThat(book.list())
                        .filteredOn(view -> view.id().equals("once-2"))
                        .singleElement()
                        .satisfies(view ->
                                assertThat(view.last().orElseThrow().result()).isEqualTo(FiringOutcome.Result.SENT));
            }
        }
    }

    private static boolean exists(SchedulerStore store, TriggerKey key) {
        try {
            return store.scheduler().checkExists(key);
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lines with {@code fragment} in the output of {@code a} and (if another) {@code b}. */
    private static long count(DaemonProcess a, DaemonProcess b, String fragment) {
        String output = a == b ? a.output() : a.output() + "\n" + b.output();
        return output.lines().filter(line -> line.contains(fragment)).count();
    }
}
