package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sends of one issue to two lists at the same time, one address on both (in two spellings): a
 * send skips whoever another list's journal has, so the second must not start while the first has
 * messages in flight, or both mail that address.
 */
class TwoListsAtOnceIT {
    @TempDir
    Path dir;

    @Test
    void aSendToAnotherListOfTheIssueWaitsForTheRunningOneInsteadOfMailingTheSamePersonAgain() throws Exception {
        CountDownLatch dataEnded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply afterDot(String recipient, int seen) {
                if (dataEnded.getCount() > 0) {
                    dataEnded.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return ScriptedSmtpServer.Reply.ok("2.0.0 Ok");
            }
        })) {
            SampleProject sample = SampleProject.copyTo(dir);
            sample.useRelay(server.port());
            sample.write("subscribers/a.csv", "email,name,status,subscribed_at,tags\nana@x.org,Ana,active,,\n");
            sample.write("subscribers/b.csv", "email,name,status,subscribed_at,tags\nANA@X.ORG,Ana B,active,,\n");

            CompletableFuture<SampleProject.Run> first = CompletableFuture.supplyAsync(
                    () -> sample.run(SampleProject.ENV, "send", sample.issue().toString(), "--yes", "--list", "a"));
            assertThat(dataEnded.await(60, TimeUnit.SECONDS)).isTrue();
            SampleProject.Run second =
                    sample.run(SampleProject.ENV, "send", sample.issue().toString(), "--yes", "--list", "b");
            release.countDown();
            SampleProject.Run firstRun = first.get(60, TimeUnit.SECONDS);

            assertThat(firstRun.code()).as(firstRun.err()).isZero();
            assertThat(second.code()).as(second.out() + second.err()).isNotZero();
            assertThat(second.err()).contains("another send of this issue");
            assertThat(server.acceptedRecipients()).hasSize(1);
        }
    }
}
