package io.pptpgw.gre;

import java.lang.foreign.MemorySegment;
import java.util.function.LongSupplier;

/**
 * Puts one session's received data packets back in sequence order (RFC 2637 §4.3 lets a receiver reorder or
 * discard). A packet that arrives in order goes straight to the {@link InOrderReceiver} from the caller's buffer; one
 * that arrives ahead of a gap is copied into a slot of the worker's {@link SlotPool} and held until the gap fills,
 * until it has waited {@link ReorderPolicy#timeout()}, or until room is needed, whichever comes first. A gap given up
 * is counted as lost. Late packets (duplicates, or older than expected) are dropped, and so are sequence numbers too
 * far ahead to be real, unless {@value #RESYNC_AFTER} of them in a row show that the peer has really moved on.
 *
 * <p>No threads: time comes from the injected clock, and {@link #releaseExpired()} is called by the owner when
 * {@link #nextDeadline()} passes. One thread (the GRE receive worker) owns each buffer; the counters are plain
 * fields that a metrics reader sees eventually.
 */
public final class ReorderBuffer {
    /** What {@link #offer} did with a packet. */
    public enum Outcome {
        /** Given to the receiver now, with any held packets it made contiguous. */
        DELIVERED,
        /** Copied and held until the gap before it fills or is given up. */
        HELD,
        /** Dropped: a duplicate, or older than the sequence number expected ({@link DropReason#LATE}). */
        LATE,
        /** Dropped: beyond {@link ReorderPolicy#maximumAhead()} ({@link DropReason#TOO_FAR_AHEAD}). */
        TOO_FAR_AHEAD
    }

    /** Consecutive too-far-ahead packets, each following the last, after which the buffer follows the peer. */
    public static final int RESYNC_AFTER = 3;

    private final ReorderPolicy policy;
    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private final SlotPool slots;
    private final InOrderReceiver receiver;
    // Held packets, sorted by sequence number; all of them are after `expected`.
    private final int[] heldSequence;
    private final int[] heldSlot;
    private final int[] heldLength;
    private final long[] heldSince;
    private int heldCount;
    private boolean started;
    private int expected;
    private int tooFarAheadStreak;
    private int lastTooFarAhead;
    private long reordered;
    private long late;
    private long lost;
    private long tooFarAhead;

    public ReorderBuffer(ReorderPolicy policy, LongSupplier nanoClock, SlotPool slots, InOrderReceiver receiver) {
        this.policy = policy;
        this.timeoutNanos = policy.timeout().toNanos();
        this.nanoClock = nanoClock;
        this.slots = slots;
        this.receiver = receiver;
        this.heldSequence = new int[policy.capacity()];
        this.heldSlot = new int[policy.capacity()];
        this.heldLength = new int[policy.capacity()];
        this.heldSince = new long[policy.capacity()];
    }

    /**
     * Takes one data packet's payload. The first packet of a call sets the expected sequence number. The bytes are
     * read during the call only (delivered or copied), so the caller may reuse its buffer afterwards.
     */
    public Outcome offer(int sequenceNumber, MemorySegment packet, long offset, int length) {
        if (heldCount > 0) {
            releaseExpired();
        }
        if (!started) {
            started = true;
            expected = sequenceNumber;
        }
        int distance = sequenceNumber - expected;
        if (distance < 0 || (distance > 0 && indexOf(sequenceNumber) >= 0)) {
            late++;
            return Outcome.LATE;
        }
        if (distance > policy.maximumAhead()) {
            return offerTooFarAhead(sequenceNumber, packet, offset, length);
        }
        tooFarAheadStreak = 0;
        if (heldCount > 0 && SequenceNumbers.isBefore(sequenceNumber, heldSequence[heldCount - 1])) {
            reordered++; // it arrived after a later packet and still goes out in order
        }
        while (true) {
            if (sequenceNumber == expected) {
                deliverNow(sequenceNumber, packet, offset, length);
                return Outcome.DELIVERED;
            }
            if (hold(sequenceNumber, packet, offset, length)) {
                return Outcome.HELD;
            }
            // No room to hold it: give up the lowest gap, which delivers at least one packet and frees room.
            if (heldCount == 0 || SequenceNumbers.isBefore(sequenceNumber, heldSequence[0])) {
                skipTo(sequenceNumber);
            } else {
                skipFirstGap();
            }
        }
    }

    /** Gives up every gap that a held packet has waited {@link ReorderPolicy#timeout()} for, delivering what follows. */
    public void releaseExpired() {
        if (heldCount == 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        while (heldCount > 0 && now - oldestArrival() >= timeoutNanos) {
            skipFirstGap();
        }
    }

    /** When {@link #releaseExpired()} next has work, in the clock's nanoseconds; {@code Long.MAX_VALUE} if never. */
    public long nextDeadline() {
        return heldCount == 0 ? Long.MAX_VALUE : oldestArrival() + timeoutNanos;
    }

    /** Forgets the call: held packets are discarded (not counted) and their slots returned to the pool. */
    public void reset() {
        for (int i = 0; i < heldCount; i++) {
            slots.release(heldSlot[i]);
        }
        heldCount = 0;
        started = false;
        tooFarAheadStreak = 0;
    }

    private Outcome offerTooFarAhead(int sequenceNumber, MemorySegment packet, long offset, int length) {
        boolean continuesStreak = tooFarAheadStreak > 0
                && SequenceNumbers.isAfter(sequenceNumber, lastTooFarAhead)
                && sequenceNumber - lastTooFarAhead <= policy.maximumAhead();
        tooFarAheadStreak = continuesStreak ? tooFarAheadStreak + 1 : 1;
        lastTooFarAhead = sequenceNumber;
        if (tooFarAheadStreak < RESYNC_AFTER) {
            tooFarAhead++;
            return Outcome.TOO_FAR_AHEAD;
        }
        // A steady stream from far ahead is the peer after a long outage, not noise: follow it.
        tooFarAheadStreak = 0;
        while (heldCount > 0) {
            skipFirstGap();
        }
        skipTo(sequenceNumber);
        deliverNow(sequenceNumber, packet, offset, length);
        return Outcome.DELIVERED;
    }

    private boolean hold(int sequenceNumber, MemorySegment packet, long offset, int length) {
        if (heldCount == heldSequence.length || length > slots.slotSize()) {
            return false;
        }
        int slot = slots.acquire();
        if (slot < 0) {
            return false;
        }
        MemorySegment.copy(packet, offset, slots.segment(), slots.offset(slot), length);
        int at = heldCount;
        while (at > 0 && SequenceNumbers.isAfter(heldSequence[at - 1], sequenceNumber)) {
            at--;
        }
        shift(at, at + 1, heldCount - at);
        heldSequence[at] = sequenceNumber;
        heldSlot[at] = slot;
        heldLength[at] = length;
        heldSince[at] = nanoClock.getAsLong();
        heldCount++;
        return true;
    }

    private void deliverNow(int sequenceNumber, MemorySegment packet, long offset, int length) {
        expected = sequenceNumber + 1;
        receiver.receiveInOrder(sequenceNumber, packet, offset, length);
        releaseContiguous();
    }

    private void releaseContiguous() {
        while (heldCount > 0 && heldSequence[0] == expected) {
            int sequenceNumber = heldSequence[0];
            int slot = heldSlot[0];
            int length = heldLength[0];
            heldCount--;
            shift(1, 0, heldCount);
            expected = sequenceNumber + 1;
            receiver.receiveInOrder(sequenceNumber, slots.segment(), slots.offset(slot), length);
            slots.release(slot);
        }
    }

    private void skipFirstGap() {
        skipTo(heldSequence[0]);
        releaseContiguous();
    }

    private void skipTo(int sequenceNumber) {
        lost += Integer.toUnsignedLong(sequenceNumber - expected);
        expected = sequenceNumber;
    }

    private int indexOf(int sequenceNumber) {
        for (int i = 0; i < heldCount; i++) {
            if (heldSequence[i] == sequenceNumber) {
                return i;
            }
        }
        return -1;
    }

    private long oldestArrival() {
        long oldest = heldSince[0];
        for (int i = 1; i < heldCount; i++) {
            oldest = Math.min(oldest, heldSince[i]);
        }
        return oldest;
    }

    private void shift(int from, int to, int count) {
        System.arraycopy(heldSequence, from, heldSequence, to, count);
        System.arraycopy(heldSlot, from, heldSlot, to, count);
        System.arraycopy(heldLength, from, heldLength, to, count);
        System.arraycopy(heldSince, from, heldSince, to, count);
    }

    /** The sequence number expected next; meaningful once a packet has been offered. */
    public int expected() {
        return expected;
    }

    public int heldCount() {
        return heldCount;
    }

    /** Packets that arrived after a later one and were still delivered in order. */
    public long reordered() {
        return reordered;
    }

    /** Duplicates and packets older than expected, dropped. */
    public long late() {
        return late;
    }

    /** Sequence numbers given up on, by timeout, lack of room, or resynchronisation. */
    public long lost() {
        return lost;
    }

    /** Packets dropped as too far ahead. */
    public long tooFarAhead() {
        return tooFarAhead;
    }
}
