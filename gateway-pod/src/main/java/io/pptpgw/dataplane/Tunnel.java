package io.pptpgw.dataplane;

import io.pptpgw.gre.AckScheduler;
import io.pptpgw.gre.ReorderBuffer;
import io.pptpgw.gre.SendWindow;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One session's data-path state. Fields are grouped by the thread that writes them:
 *
 * <ul>
 *   <li>the GRE worker: the reorder buffer, the receive cipher's state, receive counters, last activity;
 *   <li>the TUN worker: the send window's sequence numbers, the send cipher's state, send counters, delayed acks;
 *   <li>the session's event loop: {@link #link} (published once), {@link #closed}, the control outbox.
 * </ul>
 *
 * Between the workers only single values cross: the peer's acknowledgement (in {@link SendWindow}), the sequence
 * number we owe an acknowledgement for (in {@link AckScheduler}), and the MPPE reset flag (in the send cipher).
 */
public final class Tunnel {
    final TunnelSpec spec;
    final TunnelControl control;
    final ReorderBuffer reorder;
    final AckScheduler acks;
    final SendWindow window;
    final Queue<byte[]> controlOutbox = new ConcurrentLinkedQueue<>();
    final AtomicBoolean sendScheduled = new AtomicBoolean();
    final Counters counters = new Counters(COUNTERS);

    volatile TunnelLink link;
    volatile boolean closed;

    // GRE worker only.
    int touchedInBatch = -1;
    boolean holdingPackets;
    long lastResetRequestNanos;
    java.util.ArrayDeque<byte[]> early;

    // TUN worker only.
    boolean waitingForAck;
    int lastAcknowledgmentSent;

    static final int RECEIVED_PACKETS = 0;
    static final int RECEIVED_BYTES = 1;
    static final int SENT_PACKETS = 2;
    static final int SENT_BYTES = 3;
    static final int LAST_RECEIVE_NANOS = 4;
    private static final int COUNTERS = 5;

    Tunnel(TunnelSpec spec, TunnelControl control, ReorderBuffer reorder, AckScheduler acks, SendWindow window) {
        this.spec = spec;
        this.control = control;
        this.reorder = reorder;
        this.acks = acks;
        this.window = window;
    }

    public TunnelSpec spec() {
        return spec;
    }

    /** The link parameters once PPP is up, or null before. */
    public TunnelLink link() {
        return link;
    }

    /** Inner IP packets and their bytes from the peer that reached the TUN device. */
    public long receivedPackets() {
        return counters.get(RECEIVED_PACKETS);
    }

    public long receivedBytes() {
        return counters.get(RECEIVED_BYTES);
    }

    /** Inner IP packets and their bytes sent to the peer. */
    public long sentPackets() {
        return counters.get(SENT_PACKETS);
    }

    public long sentBytes() {
        return counters.get(SENT_BYTES);
    }

    /** {@link System#nanoTime()} when the last GRE packet of this tunnel arrived, or 0 if none has. */
    public long lastReceiveNanos() {
        return counters.get(LAST_RECEIVE_NANOS);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Tunnel[call " + spec.localCallId() + " <-> " + spec.peerCallId() + "]";
    }
}
