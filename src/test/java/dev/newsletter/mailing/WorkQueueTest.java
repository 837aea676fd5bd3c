package dev.newsletter.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkQueueTest {
    private final WorkQueue<String> queue = new WorkQueue<>(4, Ticker.system());

    @Test
    void aDueSetAsideItemGoesBeforeFreshOnes() throws InterruptedException {
        queue.put("fresh-1");
        queue.put("fresh-2");
        String first = queue.take();
        queue.setAside(first, 0);
        assertThat(queue.take()).isEqualTo("fresh-1");
    }

    @Test
    void anItemSetAsideForLaterDoesNotBlockFreshOnes() throws InterruptedException {
        queue.put("deferred");
        queue.put("fresh");
        queue.setAside(queue.take(), 60_000_000_000L);
        assertThat(queue.take()).isEqualTo("fresh");
        assertThat(queue.setAsideCount()).isEqualTo(1);
    }

    @Test
    void theRunEndsWhenTheProducerIsDoneAndNothingIsQueuedOrTaken() throws InterruptedException {
        queue.put("a");
        queue.producerDone();
        String a = queue.take();
        queue.setAside(a, 0);
        assertThat(queue.take()).isEqualTo("a");
        queue.finished();
        assertThat(queue.take()).isNull();
    }

    @Test
    void stopEndsTakesPutsAndPauses() throws InterruptedException {
        queue.stop();
        assertThat(queue.put("x")).isFalse();
        assertThat(queue.take()).isNull();
        assertThat(queue.pause(60_000_000_000L)).isFalse();
    }

    @Test
    void drainingReturnsWhatWasLeftAside() throws InterruptedException {
        queue.put("a");
        queue.setAside(queue.take(), 60_000_000_000L);
        queue.stop();
        assertThat(queue.drainSetAside()).containsExactly("a");
    }
}
