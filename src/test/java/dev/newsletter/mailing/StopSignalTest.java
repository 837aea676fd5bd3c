package dev.newsletter.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopSignalTest {

    @Test
    void theFirstReasonWins() {
        StopSignal stop = new StopSignal();

        stop.stop("SIGTERM");
        stop.stop("the capture server cannot write");

        assertThat(stop.stopped()).isTrue();
        assertThat(stop.reason()).hasValue("SIGTERM");
    }

    @Test
    void aListenerIsToldOnceAtOnceWhenTheStopCameBeforeIt() {
        StopSignal stop = new StopSignal();
        stop.stop("signal");
        List<String> told = new ArrayList<>();

        stop.whenStopped(told::add).close();
        stop.stop("again");

        assertThat(told).containsExactly("signal");
    }

    @Test
    void aListenerThatStoppedListeningIsNotTold() {
        StopSignal stop = new StopSignal();
        List<String> told = new ArrayList<>();
        StopSignal.Listening listening = stop.whenStopped(told::add);

        listening.close();
        stop.stop("signal");

        assertThat(told).isEmpty();
    }

    @Test
    void awaitReturnsAtOnceOnceStopped() throws InterruptedException {
        StopSignal stop = new StopSignal();
        stop.stop("signal");

        assertThat(stop.await(Duration.ofDays(1))).isTrue();
        assertThat(new StopSignal().await(Duration.ZERO)).isFalse();
    }
}
