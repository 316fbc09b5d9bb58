package io.pptpgw.pptp.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The node's Call IDs (1 to 65535; 0 is never handed out). An ID is unique among live calls on the node, because
 * GRE packets find their session by it alone (RFC 2637 §4.1 Key field), and a released ID stays in quarantine for a
 * while so that GRE packets of the old call still in flight cannot land in a new session. IDs are handed out in
 * turn from a random starting point, which also keeps a restarted gateway from reusing its predecessor's IDs.
 * Thread-safe: connections on every event loop share one instance.
 */
public final class CallIds {
    /** Long enough for any GRE packet of an ended call to arrive or die. */
    public static final Duration DEFAULT_QUARANTINE = Duration.ofSeconds(30);

    static final int LAST_CALL_ID = 0xFFFF;

    private final long quarantineNanos;
    private final LongSupplier nanoClock;
    private final BitSet active = new BitSet(LAST_CALL_ID + 1);
    private final BitSet taken = new BitSet(LAST_CALL_ID + 1);
    private final ArrayDeque<Quarantined> quarantine = new ArrayDeque<>();
    private int cursor;

    private record Quarantined(int callId, long releasedAtNanos) {}

    public CallIds() {
        this(DEFAULT_QUARANTINE, System::nanoTime);
    }

    public CallIds(Duration quarantine, LongSupplier nanoClock) {
        this(quarantine, nanoClock, ThreadLocalRandom.current().nextInt(1, LAST_CALL_ID + 1));
    }

    CallIds(Duration quarantine, LongSupplier nanoClock, int firstCandidate) {
        if (quarantine.isNegative()) {
            throw new IllegalArgumentException("quarantine " + quarantine + " is negative");
        }
        if (firstCandidate < 1 || firstCandidate > LAST_CALL_ID) {
            throw new IllegalArgumentException("firstCandidate " + firstCandidate + " is outside 1..65535");
        }
        this.quarantineNanos = quarantine.toNanos();
        this.nanoClock = nanoClock;
        this.cursor = firstCandidate;
        taken.set(0); // Call ID 0 means "none" in replies that refuse a call
    }

    /** A free Call ID, now active, or empty when every ID is active or in quarantine. */
    public synchronized OptionalInt allocate() {
        expireQuarantine();
        int id = taken.nextClearBit(cursor);
        if (id > LAST_CALL_ID) {
            id = taken.nextClearBit(1);
            if (id >= cursor) {
                return OptionalInt.empty();
            }
        }
        taken.set(id);
        active.set(id);
        cursor = id == LAST_CALL_ID ? 1 : id + 1;
        return OptionalInt.of(id);
    }

    /** Ends {@code callId}'s life: it can be allocated again after the quarantine. */
    public synchronized void release(int callId) {
        if (callId < 1 || callId > LAST_CALL_ID || !active.get(callId)) {
            throw new IllegalArgumentException(
                    "Call ID " + callId + " is not active; it was never allocated or" + " is already released");
        }
        active.clear(callId);
        quarantine.addLast(new Quarantined(callId, nanoClock.getAsLong()));
    }

    public synchronized boolean isActive(int callId) {
        return callId >= 1 && callId <= LAST_CALL_ID && active.get(callId);
    }

    /** How many Call IDs belong to live calls. */
    public synchronized int activeCount() {
        return active.cardinality();
    }

    /** How many released Call IDs are still waiting out their quarantine. */
    public synchronized int quarantinedCount() {
        expireQuarantine();
        return quarantine.size();
    }

    private void expireQuarantine() {
        long now = nanoClock.getAsLong();
        // Releases are appended in clock order, so the oldest is always first.
        while (!quarantine.isEmpty() && now - quarantine.peekFirst().releasedAtNanos() >= quarantineNanos) {
            taken.clear(quarantine.pollFirst().callId());
        }
    }
}
