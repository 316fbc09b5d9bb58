package io.pptpgw.sys;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Poll over a descriptor we control: an eventfd stands in for a socket becoming readable. */
class PollerTest {
    private final int watched = Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
    private final Poller poller;
    private final Arena arena = Arena.ofConfined();

    PollerTest() throws NativeException {
        poller = new Poller(watched);
    }

    @AfterEach
    void close() {
        poller.close();
        Libc.close(watched);
        arena.close();
    }

    private void makeReadable() {
        MemorySegment one = arena.allocateFrom(JAVA_LONG, 1L);
        assertThat(Libc.write(watched, one.address(), 8)).isEqualTo(8);
    }

    @Test
    void timesOutWhenNothingHappens() {
        assertThat(poller.awaitReadable(TimeUnit.MILLISECONDS.toNanos(5))).isFalse();
        assertThat(poller.awaitReadable(0)).isFalse();
    }

    @Test
    void reportsTheDescriptorReadableAndWritable() {
        makeReadable();

        assertThat(poller.awaitReadable(TimeUnit.SECONDS.toNanos(5))).isTrue();
        assertThat(poller.awaitWritable(0)).isTrue();
    }

    @Test
    void aWakeupFromAnotherThreadEndsAnOpenEndedWaitOnceOnly() throws Exception {
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> poller.awaitReadable(-1));
        Thread.sleep(20);

        poller.wakeup();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(poller.awaitReadable(TimeUnit.MILLISECONDS.toNanos(5)))
                .as("the wakeup was consumed")
                .isFalse();
    }

    @Test
    void aWakeupBeforeTheWaitIsNotLost() {
        poller.wakeup();

        long start = System.nanoTime();
        assertThat(poller.awaitReadable(TimeUnit.SECONDS.toNanos(30))).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }
}
