package io.pptpgw.tun;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryTunTest {
    private final InMemoryTun tun = new InMemoryTun("mem0", 2);
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment buffer = arena.allocate(64);

    @AfterEach
    void close() {
        tun.close();
        arena.close();
    }

    @Test
    void readGivesInjectedPacketsInOrderAtTheOffsetAsked() {
        tun.inject(new byte[] {0x45, 1, 2});
        tun.inject(new byte[] {0x45, 3});

        assertThat(tun.awaitReadable(0)).isTrue();
        assertThat(tun.read(buffer, 10, 54)).isEqualTo(3);
        assertThat(buffer.get(ValueLayout.JAVA_BYTE, 12)).isEqualTo((byte) 2);
        assertThat(tun.read(buffer, 0, 64)).isEqualTo(2);
        assertThat(tun.read(buffer, 0, 64)).isZero();
    }

    @Test
    void writesAreTakenOnTheKernelSideAsCopies() throws Exception {
        buffer.set(ValueLayout.JAVA_BYTE, 5, (byte) 0x45);

        assertThat(tun.write(buffer, 5, 4)).isEqualTo(4);
        buffer.set(ValueLayout.JAVA_BYTE, 5, (byte) 0);

        assertThat(tun.awaitWritten(Duration.ofSeconds(1))).containsExactly(0x45, 0, 0, 0);
        assertThat(tun.takeWritten()).isNull();
        assertThat(tun.awaitWritten(Duration.ofMillis(1))).isNull();
    }

    @Test
    void aFullQueueLosesPacketsAndCountsThem() {
        assertThat(tun.inject(new byte[1])).isTrue();
        assertThat(tun.inject(new byte[1])).isTrue();
        assertThat(tun.inject(new byte[1])).isFalse();
        tun.write(buffer, 0, 1);
        tun.write(buffer, 0, 1);
        tun.write(buffer, 0, 1);

        assertThat(tun.overflows()).isEqualTo(2);
    }

    @Test
    void aReadIntoASmallBufferTruncatesLikeTheKernel() {
        tun.inject(new byte[100]);

        assertThat(tun.read(buffer, 0, 64)).isEqualTo(64);
    }

    @Test
    void aWakeupEndsAWaitWithNothingToRead() throws Exception {
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> tun.awaitReadable(-1));
        Thread.sleep(20);

        tun.wakeup();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aClosedDeviceSaysSo() {
        tun.close();

        assertThat(tun.read(buffer, 0, 64)).isEqualTo(TunDevice.CLOSED);
        assertThat(tun.write(buffer, 0, 1)).isEqualTo(TunDevice.CLOSED);
        assertThat(tun.awaitReadable(-1)).isFalse();
        assertThat(tun.inject(new byte[1])).isFalse();
    }
}
