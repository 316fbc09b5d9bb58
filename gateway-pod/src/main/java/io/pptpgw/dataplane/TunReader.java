package io.pptpgw.dataplane;

import io.pptpgw.gre.EnhancedGreHeader;
import io.pptpgw.gre.GreSocket;
import io.pptpgw.gre.GreSpec;
import io.pptpgw.gre.PacketBatch;
import io.pptpgw.ppp.Code;
import io.pptpgw.ppp.PppFrame;
import io.pptpgw.ppp.PppProtocol;
import io.pptpgw.tun.TunDevice;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TUN worker: the one thread that sends GRE, so every tunnel's sequence numbers, send cipher and window have a
 * single writer.
 *
 * <pre>
 * 1. control frames queued by event loops, and acknowledgements the GRE worker says are owed
 * 2. read IP packets from the TUN device into the batch, behind headroom for the headers
 * 3. per packet: tunnel by address -> inner protocol + MPPE encrypt in place -> PPP header -> GRE header (sequence
 *    number, piggy-backed acknowledgement)
 * 4. sendmmsg the batch; wait on the TUN device (woken early by queued work) until the next delayed ack falls due
 * </pre>
 */
final class TunReader implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(TunReader.class);
    private static final ValueLayout.OfShort SHORT_BE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** Room in front of an IP packet for GRE, PPP, the MPPE header and the protocol MPPE encrypts with it. */
    static final int HEADROOM = GreSpec.MAXIMUM_HEADER_LENGTH + PppFrame.MAXIMUM_HEADER_LENGTH + 2 + 2;

    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int IPV4 = 0x0021;
    private static final int MPPE = 0x00FD;

    private final GreSocket gre;
    private final TunDevice tun;
    private final AddressRoutes routes;
    private final PacketBatch batch;
    private final Counters counters;
    private final int ackEvery;
    private final Queue<Tunnel> scheduled = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Tunnel> delayedAcks = new ArrayDeque<>();
    private volatile boolean wakeRequested;
    private volatile boolean running = true;

    TunReader(GreSocket gre, TunDevice tun, AddressRoutes routes, DataPlaneSettings settings, Counters counters) {
        this.gre = gre;
        this.tun = tun;
        this.routes = routes;
        this.batch = new PacketBatch(settings.batchSize(), settings.slotSize());
        this.counters = counters;
        this.ackEvery = settings.acknowledgeEvery();
    }

    /** Any thread: the tunnel has control frames queued or owes an acknowledgement. */
    void schedule(Tunnel tunnel) {
        if (tunnel.sendScheduled.compareAndSet(false, true)) {
            scheduled.add(tunnel);
            wakeRequested = true;
        }
    }

    /** Any thread: wake the worker if {@link #schedule} queued something since it last looked. */
    void wakeUpIfScheduled() {
        if (wakeRequested) {
            tun.wakeup();
        }
    }

    void stop() {
        running = false;
        tun.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                wakeRequested = false;
                serveScheduled();
                sendDueAcknowledgements();
                int read = readFromTun();
                flush();
                if (read == 0 && scheduled.isEmpty()) {
                    tun.awaitReadable(nextAcknowledgementWait());
                }
            }
        } catch (RuntimeException e) {
            log.error("TUN worker stopped by a bug; sessions can no longer send", e);
            throw e;
        }
    }

    private void serveScheduled() {
        Tunnel tunnel;
        while ((tunnel = scheduled.poll()) != null) {
            tunnel.sendScheduled.set(false);
            byte[] frame;
            while ((frame = tunnel.controlOutbox.poll()) != null) {
                sendControl(tunnel, frame);
            }
            considerAcknowledgement(tunnel);
        }
    }

    private void considerAcknowledgement(Tunnel tunnel) {
        if (tunnel.closed || !tunnel.acks.isOwed()) {
            return;
        }
        int unacknowledged = tunnel.acks.acknowledgmentNumber() - tunnel.lastAcknowledgmentSent;
        if (unacknowledged >= ackEvery || tunnel.acks.isStandaloneDue()) {
            sendAcknowledgement(tunnel);
        } else if (!tunnel.waitingForAck) {
            tunnel.waitingForAck = true;
            delayedAcks.add(tunnel);
        }
    }

    private void sendDueAcknowledgements() {
        for (int i = delayedAcks.size(); i > 0; i--) {
            Tunnel tunnel = delayedAcks.poll();
            if (tunnel.closed || !tunnel.acks.isOwed()) {
                tunnel.waitingForAck = false;
            } else if (tunnel.acks.isStandaloneDue()) {
                tunnel.waitingForAck = false;
                sendAcknowledgement(tunnel);
            } else {
                delayedAcks.add(tunnel);
            }
        }
    }

    private long nextAcknowledgementWait() {
        long next = Long.MAX_VALUE;
        for (Tunnel tunnel : delayedAcks) {
            next = Math.min(next, tunnel.acks.standaloneDeadline());
        }
        return next == Long.MAX_VALUE ? IDLE_WAIT_NANOS : Math.max(0, next - System.nanoTime());
    }

    private int readFromTun() {
        MemorySegment segment = batch.segment();
        int read = 0;
        while (batch.count() < batch.capacity()) {
            int slot = batch.count();
            long start = batch.slotOffset(slot) + HEADROOM;
            int length = tun.read(segment, start, batch.slotSize() - HEADROOM);
            if (length <= 0) {
                break;
            }
            read++;
            if ((segment.get(ValueLayout.JAVA_BYTE, start) & 0xF0) != 0x40) {
                // Only IPv4 is negotiated (IPCP); anything else would reach the peer mislabelled as protocol 0x0021.
                counters.add(DataPlane.DROPS + Drop.TUN_NOT_IPV4.ordinal(), 1);
                continue;
            }
            Tunnel tunnel = routes.route(segment, start, length);
            if (tunnel == null || tunnel.closed || tunnel.link == null) {
                counters.add(DataPlane.DROPS + Drop.TUN_NO_SESSION.ordinal(), 1);
                continue;
            }
            encapsulate(tunnel, tunnel.link, slot, start, length);
            if (batch.count() == batch.capacity()) {
                flush();
            }
        }
        return read;
    }

    private void encapsulate(Tunnel tunnel, TunnelLink link, int slot, long start, int length) {
        MemorySegment segment = batch.segment();
        long position = start;
        int size = length;
        int protocol = IPV4;
        if (link.encrypted()) {
            position -= 4;
            segment.set(SHORT_BE, position + 2, (short) IPV4);
            size = link.sendCipher().encrypt(segment, position, length + 2);
            protocol = MPPE;
        }
        int pppHeader = PppFrame.headerLength(protocol, link.compressAddressAndControl(), link.compressProtocolField());
        position -= pppHeader;
        PppFrame.writeHeader(
                segment, position, protocol, link.compressAddressAndControl(), link.compressProtocolField());
        tunnel.counters.add(Tunnel.SENT_PACKETS, 1);
        tunnel.counters.add(Tunnel.SENT_BYTES, length);
        addGre(tunnel, slot, position, size + pppHeader);
    }

    private void sendControl(Tunnel tunnel, byte[] frame) {
        if (batch.count() == batch.capacity()) {
            flush();
        }
        int slot = batch.count();
        long position = batch.slotOffset(slot) + GreSpec.MAXIMUM_HEADER_LENGTH;
        if (frame.length > batch.slotSize() - GreSpec.MAXIMUM_HEADER_LENGTH) {
            log.warn("{}: control frame of {} bytes does not fit a packet slot; dropped", tunnel, frame.length);
            return;
        }
        MemorySegment.copy(frame, 0, batch.segment(), ValueLayout.JAVA_BYTE, position, frame.length);
        addGre(tunnel, slot, position, frame.length);
        if (isCcpResetAck(frame)) {
            flushSendCipher(tunnel);
        }
    }

    /**
     * RFC 3078 §8.2: after a peer's Reset-Request the next packet goes out with a new key and the flushed bit. Doing it
     * here, as our Reset-Ack leaves, puts that packet after the Reset-Ack in sequence order: a Linux peer decrypts
     * nothing between its Reset-Request and our Reset-Ack, so a flushed packet ahead of the Ack would be wasted.
     */
    private static void flushSendCipher(Tunnel tunnel) {
        TunnelLink link = tunnel.link;
        if (link != null && link.encrypted()) {
            link.sendCipher().receiveResetRequest();
        }
    }

    /** Control frames are written with address, control and a two-octet protocol ({@link PppFrame#encodeControl}). */
    private static boolean isCcpResetAck(byte[] frame) {
        return frame.length >= 5
                && ((frame[2] & 0xFF) << 8 | (frame[3] & 0xFF)) == PppProtocol.CCP.number()
                && (frame[4] & 0xFF) == Code.RESET_ACK.number();
    }

    /** Puts the GRE header in front of the PPP frame at {@code position} and queues the packet in {@code slot}. */
    private void addGre(Tunnel tunnel, int slot, long position, int pppLength) {
        boolean acknowledge = tunnel.acks.isOwed();
        int acknowledgment = tunnel.acks.acknowledgmentNumber();
        int headerLength = GreSpec.FIXED_HEADER_LENGTH + 4 + (acknowledge ? 4 : 0);
        long start = position - headerLength;
        EnhancedGreHeader.write(
                batch.segment(),
                start,
                tunnel.spec.peerCallId(),
                pppLength,
                true,
                tunnel.window.nextSequenceNumber(),
                acknowledge,
                acknowledgment);
        if (acknowledge) {
            acknowledged(tunnel, acknowledgment);
        }
        queue(tunnel, slot, start, headerLength + pppLength);
    }

    private void sendAcknowledgement(Tunnel tunnel) {
        if (batch.count() == batch.capacity()) {
            flush();
        }
        int slot = batch.count();
        long start = batch.slotOffset(slot);
        int acknowledgment = tunnel.acks.acknowledgmentNumber();
        int length =
                EnhancedGreHeader.writeAcknowledgment(batch.segment(), start, tunnel.spec.peerCallId(), acknowledgment);
        acknowledged(tunnel, acknowledgment);
        queue(tunnel, slot, start, length);
    }

    private static void acknowledged(Tunnel tunnel, int acknowledgment) {
        tunnel.acks.sent(acknowledgment);
        tunnel.lastAcknowledgmentSent = acknowledgment;
    }

    private void queue(Tunnel tunnel, int slot, long start, int length) {
        TunnelSpec spec = tunnel.spec;
        batch.set(
                slot,
                (int) (start - batch.slotOffset(slot)),
                length,
                spec.peerAddress(),
                spec.localAddress(),
                spec.mark());
        batch.count(slot + 1);
    }

    private void flush() {
        int count = batch.count();
        if (count == 0) {
            return;
        }
        int done = 0;
        while (done < count && running) {
            done = gre.send(batch, done);
            if (done < 0) {
                if (done != GreSocket.CLOSED) {
                    log.warn("GRE send failed with errno {}; {} packets dropped", -done, count);
                }
                counters.add(DataPlane.DROPS + Drop.GRE_SEND_FAILED.ordinal(), count);
                batch.clear();
                return;
            }
            if (done < count) {
                gre.awaitSend(IDLE_WAIT_NANOS);
            }
        }
        long bytes = 0;
        int failed = 0;
        for (int slot = 0; slot < count; slot++) {
            if (batch.status(slot) != 0) {
                failed++;
            } else {
                bytes += batch.length(slot);
            }
        }
        if (failed > 0) {
            counters.add(DataPlane.DROPS + Drop.GRE_SEND_FAILED.ordinal(), failed);
        }
        counters.add(DataPlane.GRE_SENT_PACKETS, count - failed);
        counters.add(DataPlane.GRE_SENT_BYTES, bytes);
        batch.clear();
    }
}
