package io.pptpgw.gre.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.gre.GreSocket;
import io.pptpgw.gre.PacketBatch;
import io.pptpgw.gre.memory.InMemoryGreLink.Impairment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryGreLinkTest {
    static final int CLIENT = 0xC6336402; // 198.51.100.2
    static final int GATEWAY = 0xC0000201; // 192.0.2.1
    static final int GATEWAY_SECOND = 0xC0000202; // 192.0.2.2

    private final PacketBatch out = new PacketBatch(64, 256);
    private final PacketBatch in = new PacketBatch(64, 256);

    @AfterEach
    void free() {
        out.close();
        in.close();
    }

    /** Packets numbered from {@code first}: the number is the 4-byte payload, at an offset of 16 in the slot. */
    private void fill(int first, int count, int remote, int local, int mark) {
        for (int i = 0; i < count; i++) {
            out.segment().set(ValueLayout.JAVA_INT, out.slotOffset(i) + 16, first + i);
            out.set(i, 16, 4, remote, local, mark);
        }
        out.count(count);
    }

    private List<Integer> drain(GreSocket socket) {
        List<Integer> numbers = new ArrayList<>();
        while (socket.receive(in) > 0) {
            for (int i = 0; i < in.count(); i++) {
                numbers.add(in.segment().get(ValueLayout.JAVA_INT, in.packetOffset(i)));
            }
        }
        return numbers;
    }

    @Test
    void deliversPayloadsWithTheSendersChosenSourceAndMark() {
        try (InMemoryGreLink link = new InMemoryGreLink(GATEWAY, CLIENT, Impairment.NONE)) {
            fill(100, 2, CLIENT, GATEWAY_SECOND, 0x101);

            assertThat(link.a().send(out, 0)).isEqualTo(2);
            assertThat(link.b().awaitReceive(0)).isTrue();
            assertThat(link.b().receive(in)).isEqualTo(2);

            assertThat(in.remoteAddress(1)).isEqualTo(GATEWAY_SECOND);
            assertThat(in.localAddress(1)).isEqualTo(CLIENT);
            assertThat(in.mark(1)).isEqualTo(0x101);
            assertThat(in.length(1)).isEqualTo(4);
            assertThat(in.segment().get(ValueLayout.JAVA_INT, in.packetOffset(1)))
                    .isEqualTo(101);
        }
    }

    @Test
    void aSenderThatLeavesItsSourceOpenAppearsFromItsOwnAddress() {
        try (InMemoryGreLink link = new InMemoryGreLink(GATEWAY, CLIENT, Impairment.NONE)) {
            fill(1, 1, GATEWAY, 0, 0);

            link.b().send(out, 0);
            link.a().receive(in);

            assertThat(in.remoteAddress(0)).isEqualTo(CLIENT);
            assertThat(in.localAddress(0)).isEqualTo(GATEWAY);
        }
    }

    @Test
    void losesPacketsAddressedElsewhere() {
        try (InMemoryGreLink link = new InMemoryGreLink(GATEWAY, CLIENT, Impairment.NONE)) {
            fill(1, 3, 0x0A000001, 0, 0);

            assertThat(link.a().send(out, 0)).isEqualTo(3);

            assertThat(link.b().receive(in)).isZero();
            assertThat(link.misaddressed()).isEqualTo(3);
        }
    }

    @Test
    void aFullQueuePushesBackOnTheSenderUntilTheReceiverDrains() {
        try (InMemoryGreLink link = new InMemoryGreLink(GATEWAY, CLIENT, Impairment.NONE, 4, 64)) {
            fill(0, 6, CLIENT, 0, 0);

            assertThat(link.a().send(out, 0)).isEqualTo(4);
            assertThat(link.a().awaitSend(TimeUnit.MILLISECONDS.toNanos(1))).isFalse();

            assertThat(drain(link.b())).containsExactly(0, 1, 2, 3);
            assertThat(link.a().awaitSend(0)).isTrue();
            assertThat(link.a().send(out, 4)).isEqualTo(6);
            assertThat(drain(link.b())).containsExactly(4, 5);
        }
    }

    @Test
    void aWakeupEndsAWaitThatWouldOtherwiseLastForever() throws Exception {
        try (InMemoryGreLink link = new InMemoryGreLink(GATEWAY, CLIENT, Impairment.NONE)) {
            CompletableFuture<Boolean> waiting =
                    CompletableFuture.supplyAsync(() -> link.b().awaitReceive(-1));

            Thread.sleep(20);
            link.b().wakeup();

            assertThat(waiting.get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(link.b().awaitReceive(TimeUnit.MILLISECONDS.toNanos(1))).isFalse();
        }
    }

    @Test
    void aClosedEndReportsClosed() {
        InMemoryGreLink link = new InMemoryGreLink(GATEWAY, CLIENT, Impairment.NONE);
        link.close();

        assertThat(link.a().receive(in)).isEqualTo(GreSocket.CLOSED);
        assertThat(link.a().send(out, 0)).isEqualTo(GreSocket.CLOSED);
        assertThat(link.a().awaitReceive(-1)).isFalse();
    }

    @Test
    void dropsAboutOneInNAndTheSameOnesForTheSameSeed() {
        long seed = 42;
        List<Integer> first = sendThrough(new Impairment(10, 0, seed), 10_000);
        List<Integer> again = sendThrough(new Impairment(10, 0, seed), 10_000);

        assertThat(first).as("seed %d", seed).hasSizeBetween(8_800, 9_200);
        assertThat(first).isSorted();
        assertThat(again).isEqualTo(first);
        assertThat(sendThrough(new Impairment(10, 0, seed + 1), 10_000)).isNotEqualTo(first);
    }

    @Test
    void reordersByHoldingOnePacketBackUntilAfterTheNext() {
        long seed = 7;
        List<Integer> received = sendThrough(new Impairment(0, 5, seed), 10_000);

        assertThat(received).as("seed %d", seed).hasSize(10_000 - (received.contains(9_999) ? 0 : 1));
        int swaps = 0;
        for (int i = 0; i < received.size(); i++) {
            assertThat(Math.abs(received.get(i) - i))
                    .as("seed %d, position %d", seed, i)
                    .isLessThanOrEqualTo(1);
            if (received.get(i) > i) {
                swaps++;
            }
        }
        assertThat(swaps).as("seed %d", seed).isBetween(1_300, 2_000);
    }

    private List<Integer> sendThrough(Impairment impairment, int packets) {
        List<Integer> received = new ArrayList<>();
        try (InMemoryGreLink link = new InMemoryGreLink(GATEWAY, CLIENT, impairment)) {
            for (int first = 0; first < packets; first += out.capacity()) {
                fill(first, Math.min(out.capacity(), packets - first), CLIENT, 0, 0);
                assertThat(link.a().send(out, 0)).isEqualTo(out.count());
                received.addAll(drain(link.b()));
            }
        }
        return received;
    }

    @Test
    void receiveTruncatesPacketsLargerThanTheBatchSlot() {
        try (InMemoryGreLink link = new InMemoryGreLink(GATEWAY, CLIENT, Impairment.NONE);
                PacketBatch small = new PacketBatch(1, 16)) {
            out.set(0, 0, 200, CLIENT, 0, 0);
            out.count(1);
            link.a().send(out, 0);

            assertThat(link.b().receive(small)).isEqualTo(1);
            assertThat(small.length(0)).isEqualTo(16);
        }
    }
}
