package io.pptpgw.gre;

import static io.pptpgw.gre.ReorderBuffer.Outcome.DELIVERED;
import static io.pptpgw.gre.ReorderBuffer.Outcome.HELD;
import static io.pptpgw.gre.ReorderBuffer.Outcome.LATE;
import static io.pptpgw.gre.ReorderBuffer.Outcome.TOO_FAR_AHEAD;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    private static final long TIMEOUT = Duration.ofMillis(20).toNanos();

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final SlotPool slots = new SlotPool(64, 64);
    private final List<Integer> delivered = new ArrayList<>();
    private final List<String> payloads = new ArrayList<>();
    private ReorderBuffer buffer = buffer(new ReorderPolicy(4, Duration.ofNanos(TIMEOUT), 100));

    private ReorderBuffer buffer(ReorderPolicy policy) {
        return new ReorderBuffer(policy, clock::get, slots, (sequence, segment, offset, length) -> {
            delivered.add(sequence);
            payloads.add(new String(segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE)));
        });
    }

    @AfterEach
    void closePool() {
        slots.close();
    }

    private ReorderBuffer.Outcome offer(int sequence) {
        byte[] payload = ("p" + Integer.toUnsignedString(sequence)).getBytes();
        byte[] framed = new byte[payload.length + 3];
        System.arraycopy(payload, 0, framed, 3, payload.length);
        return buffer.offer(sequence, MemorySegment.ofArray(framed), 3, payload.length);
    }

    @Test
    void deliversInOrderPacketsAtOnceWithoutHolding() {
        assertThat(offer(7)).isEqualTo(DELIVERED);
        assertThat(offer(8)).isEqualTo(DELIVERED);
        assertThat(offer(9)).isEqualTo(DELIVERED);

        assertThat(delivered).containsExactly(7, 8, 9);
        assertThat(payloads).containsExactly("p7", "p8", "p9");
        assertThat(buffer.heldCount()).isZero();
        assertThat(buffer.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        assertThat(slots.available()).isEqualTo(64);
    }

    @Test
    void putsASwappedPairBackInOrder() {
        offer(1);
        assertThat(offer(3)).isEqualTo(HELD);
        assertThat(delivered).containsExactly(1);

        assertThat(offer(2)).isEqualTo(DELIVERED);

        assertThat(delivered).containsExactly(1, 2, 3);
        assertThat(payloads).containsExactly("p1", "p2", "p3");
        assertThat(buffer.reordered()).isEqualTo(1);
        assertThat(buffer.lost()).isZero();
        assertThat(slots.available()).isEqualTo(64);
    }

    @Test
    void fillsAGapLateAndReleasesEverythingBehindIt() {
        offer(1);
        offer(4);
        offer(3);
        offer(5);
        assertThat(delivered).containsExactly(1);
        assertThat(buffer.heldCount()).isEqualTo(3);

        offer(2);

        assertThat(delivered).containsExactly(1, 2, 3, 4, 5);
        assertThat(buffer.reordered()).isEqualTo(2); // 3 came after 4, and 2 after all of them
        assertThat(buffer.expected()).isEqualTo(6);
    }

    @Test
    void givesUpAGapWhenTheTimeoutPassesAndCountsItLost() {
        offer(1);
        offer(3);
        offer(4);
        assertThat(buffer.nextDeadline()).isEqualTo(clock.get() + TIMEOUT);

        clock.addAndGet(TIMEOUT - 1);
        buffer.releaseExpired();
        assertThat(delivered).containsExactly(1);

        clock.addAndGet(1);
        buffer.releaseExpired();
        assertThat(delivered).containsExactly(1, 3, 4);
        assertThat(buffer.lost()).isEqualTo(1);
        assertThat(buffer.nextDeadline()).isEqualTo(Long.MAX_VALUE);

        assertThat(offer(2)).isEqualTo(LATE);
        assertThat(buffer.late()).isEqualTo(1);
    }

    @Test
    void theNextOfferAlsoReleasesWhatHasTimedOut() {
        offer(1);
        offer(3);
        clock.addAndGet(TIMEOUT);

        assertThat(offer(4)).isEqualTo(DELIVERED);

        assertThat(delivered).containsExactly(1, 3, 4);
        assertThat(buffer.lost()).isEqualTo(1);
    }

    @Test
    void theTimeoutRunsFromTheOldestHeldPacketAcrossSeveralGaps() {
        offer(1);
        offer(5); // waits for 2..4
        clock.addAndGet(TIMEOUT / 2);
        offer(3); // waits for 2
        clock.addAndGet(TIMEOUT / 2);

        buffer.releaseExpired();

        assertThat(delivered).containsExactly(1, 3, 5);
        assertThat(buffer.lost()).isEqualTo(2); // 2 and 4
    }

    @Test
    void dropsDuplicatesOfDeliveredAndOfHeldPacketsAsLate() {
        offer(1);
        offer(3);

        assertThat(offer(1)).isEqualTo(LATE);
        assertThat(offer(3)).isEqualTo(LATE);
        assertThat(offer(0)).isEqualTo(LATE);

        assertThat(buffer.late()).isEqualTo(3);
        assertThat(buffer.heldCount()).isEqualTo(1);
        offer(2);
        assertThat(delivered).containsExactly(1, 2, 3);
    }

    @Test
    void dropsASequenceNumberTooFarAheadWithoutDisturbingTheStream() {
        offer(10); // 11 expected next; the limit is 100 ahead

        assertThat(offer(11 + 101)).isEqualTo(TOO_FAR_AHEAD);

        assertThat(buffer.tooFarAhead()).isEqualTo(1);
        assertThat(buffer.heldCount()).isZero();
        assertThat(offer(11)).isEqualTo(DELIVERED);
        assertThat(offer(12 + 100)).isEqualTo(HELD); // within the limit from 12
        assertThat(delivered).containsExactly(10, 11);
    }

    @Test
    void followsThePeerAfterThreeConsecutivePacketsFromFarAhead() {
        offer(10);
        offer(12);

        assertThat(offer(5_000)).isEqualTo(TOO_FAR_AHEAD);
        assertThat(offer(5_001)).isEqualTo(TOO_FAR_AHEAD);
        assertThat(offer(5_003)).isEqualTo(DELIVERED);

        assertThat(delivered).containsExactly(10, 12, 5_003);
        assertThat(buffer.lost()).isEqualTo(1 + (5_003 - 13));
        assertThat(buffer.tooFarAhead()).isEqualTo(2);
        assertThat(offer(5_004)).isEqualTo(DELIVERED);
    }

    @Test
    void scatteredBogusNumbersNeverResynchronise() {
        offer(10);

        for (int bogus : new int[] {900_000, 300_000, 7_000_000, 200_000}) {
            assertThat(offer(bogus)).isEqualTo(TOO_FAR_AHEAD);
        }

        assertThat(offer(11)).isEqualTo(DELIVERED);
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void reordersAcrossTheWrapOfTheSequenceSpace() {
        offer(0xFFFFFFFE);
        assertThat(offer(0)).isEqualTo(HELD);
        assertThat(offer(0xFFFFFFFF)).isEqualTo(DELIVERED);
        offer(1);

        assertThat(delivered).containsExactly(0xFFFFFFFE, 0xFFFFFFFF, 0, 1);
        assertThat(payloads).containsExactly("p4294967294", "p4294967295", "p0", "p1");
        assertThat(buffer.late()).isZero();
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void givesUpTheLowestGapWhenFullRatherThanDroppingTheNewPacket() {
        offer(0);
        offer(2);
        offer(3);
        offer(5);
        offer(6); // capacity 4: held 2 3 5 6
        assertThat(buffer.heldCount()).isEqualTo(4);

        assertThat(offer(8)).isEqualTo(HELD); // gap 1 given up: 2 3 go out, 8 joins 5 6

        assertThat(delivered).containsExactly(0, 2, 3);
        assertThat(buffer.lost()).isEqualTo(1);
        offer(4);
        assertThat(delivered).containsExactly(0, 2, 3, 4, 5, 6);
        assertThat(buffer.heldCount()).isEqualTo(1);
    }

    @Test
    void aNewPacketBelowEveryHeldOneIsDeliveredWhenFull() {
        buffer = buffer(new ReorderPolicy(2, Duration.ofNanos(TIMEOUT), 100));
        offer(0);
        offer(5);
        offer(6);

        assertThat(offer(3)).isEqualTo(DELIVERED); // 1 and 2 given up

        assertThat(delivered).containsExactly(0, 3);
        assertThat(buffer.lost()).isEqualTo(2);
        assertThat(buffer.heldCount()).isEqualTo(2);
    }

    @Test
    void sessionsSharingAnExhaustedPoolStillMakeProgress() {
        try (SlotPool one = new SlotPool(1, 64)) {
            List<Integer> first = new ArrayList<>();
            List<Integer> second = new ArrayList<>();
            ReorderPolicy policy = new ReorderPolicy(8, Duration.ofNanos(TIMEOUT), 100);
            ReorderBuffer a = new ReorderBuffer(policy, clock::get, one, (s, m, o, l) -> first.add(s));
            ReorderBuffer b = new ReorderBuffer(policy, clock::get, one, (s, m, o, l) -> second.add(s));
            MemorySegment bytes = MemorySegment.ofArray(new byte[8]);
            a.offer(0, bytes, 0, 8);
            b.offer(0, bytes, 0, 8);

            assertThat(a.offer(2, bytes, 0, 8)).isEqualTo(HELD);
            assertThat(b.offer(2, bytes, 0, 8)).isEqualTo(DELIVERED);

            assertThat(second).containsExactly(0, 2);
            assertThat(b.lost()).isEqualTo(1);
            a.reset();
            assertThat(one.available()).isEqualTo(1);
        }
    }

    @Test
    void aPayloadLargerThanASlotIsDeliveredAfterGivingUpTheGap() {
        offer(0);
        MemorySegment big = MemorySegment.ofArray(new byte[100]);

        assertThat(buffer.offer(3, big, 0, 100)).isEqualTo(DELIVERED);

        assertThat(delivered).containsExactly(0, 3);
        assertThat(buffer.lost()).isEqualTo(2);
    }

    @Test
    void withCapacityZeroEveryGapIsGivenUpAtOnce() {
        buffer = buffer(new ReorderPolicy(0, Duration.ZERO, 100));
        offer(0);

        assertThat(offer(2)).isEqualTo(DELIVERED);
        assertThat(offer(1)).isEqualTo(LATE);

        assertThat(delivered).containsExactly(0, 2);
        assertThat(buffer.lost()).isEqualTo(1);
    }

    @Test
    void heldPayloadsAreCopiesSoTheCallerMayReuseItsBuffer() {
        offer(0);
        byte[] reused = "second".getBytes();
        buffer.offer(2, MemorySegment.ofArray(reused), 0, reused.length);
        System.arraycopy("XXXXXX".getBytes(), 0, reused, 0, 6);

        offer(1);

        assertThat(payloads).containsExactly("p0", "p1", "second");
    }

    @Test
    void resetForgetsHeldPacketsAndReturnsTheirSlots() {
        offer(0);
        offer(2);
        offer(3);
        assertThat(slots.available()).isEqualTo(62);

        buffer.reset();

        assertThat(slots.available()).isEqualTo(64);
        assertThat(buffer.heldCount()).isZero();
        assertThat(offer(1000)).isEqualTo(DELIVERED); // a new call starts wherever it starts
    }
}
