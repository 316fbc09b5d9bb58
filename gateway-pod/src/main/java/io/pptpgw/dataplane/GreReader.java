package io.pptpgw.dataplane;

import io.pptpgw.gre.DropReason;
import io.pptpgw.gre.EnhancedGreHeader;
import io.pptpgw.gre.GreSocket;
import io.pptpgw.gre.PacketBatch;
import io.pptpgw.gre.ReorderBuffer;
import io.pptpgw.mppe.DecryptResult;
import io.pptpgw.mppe.MppeCipher;
import io.pptpgw.mppe.MppeHeader;
import io.pptpgw.ppp.PppFrameView;
import io.pptpgw.tun.TunDevice;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GRE worker: the one thread that receives GRE and owns every tunnel's receive state.
 *
 * <pre>
 * recvmmsg batch -> enhanced GRE header -> tunnel by Call ID -> source check -> peer's ack to the send window
 *   -> reorder buffer -> PPP frame -> IP: write to TUN          (if the link is up and unencrypted)
 *                                  -> MPPE: decrypt in place -> IP: write to TUN
 *                                  -> anything else: copy to the session's event loop
 * after the batch: tunnels that owe an acknowledgement are handed to the TUN worker, which sends it
 * </pre>
 *
 * Nothing here allocates per packet except control frames, which are copied to the heap on purpose.
 */
final class GreReader implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(GreReader.class);
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort SHORT_BE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int EARLY_FRAMES = 32;
    private static final long EARLY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long RESET_REQUEST_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int IPV4 = 0x0021;
    private static final int MPPE = 0x00FD;

    private final GreSocket gre;
    private final TunDevice tun;
    private final TunnelTable tunnels;
    private final TunReader sender;
    private final boolean server;
    private final PacketBatch batch;
    private final Counters counters;
    private final EnhancedGreHeader header = new EnhancedGreHeader();
    private final PppFrameView frame = new PppFrameView();
    private final Tunnel[] touched;
    private final List<Tunnel> holding = new ArrayList<>();
    private final List<Tunnel> waitingForLink = new ArrayList<>();
    private final MemorySegment scratch;
    private int touchedCount;
    private int batchNumber;
    private long batchNanos;
    private volatile boolean running = true;

    GreReader(
            GreSocket gre,
            TunDevice tun,
            TunnelTable tunnels,
            TunReader sender,
            boolean server,
            DataPlaneSettings settings,
            Counters counters) {
        this.gre = gre;
        this.tun = tun;
        this.tunnels = tunnels;
        this.sender = sender;
        this.server = server;
        this.batch = new PacketBatch(settings.batchSize(), settings.slotSize());
        this.counters = counters;
        this.touched = new Tunnel[settings.batchSize()];
        this.scratch = java.lang.foreign.Arena.ofAuto().allocate(settings.slotSize(), 8);
    }

    /** The reorder buffer's in-order output for one tunnel: a PPP frame to decode. */
    void receiveInOrder(Tunnel tunnel, int sequenceNumber, MemorySegment packet, long offset, int length) {
        tunnel.acks.received(sequenceNumber);
        deliver(tunnel, packet, offset, length);
    }

    @Override
    public void run() {
        try {
            while (running) {
                int received = gre.receive(batch);
                if (received > 0) {
                    processBatch(received);
                } else if (received == 0) {
                    long wait = waitingForLink.isEmpty() ? IDLE_WAIT_NANOS : EARLY_POLL_NANOS;
                    gre.awaitReceive(Math.min(wait, nextReorderWait()));
                } else if (received == GreSocket.CLOSED) {
                    return;
                } else {
                    log.warn("GRE receive failed with errno {}; carrying on", -received);
                }
                releaseExpired();
                if (!waitingForLink.isEmpty()) {
                    deliverEarlyWhereLinksCameUp();
                }
            }
        } catch (RuntimeException e) {
            log.error("GRE worker stopped by a bug; sessions can no longer receive", e);
            throw e;
        }
    }

    void stop() {
        running = false;
        gre.wakeup();
    }

    private void processBatch(int count) {
        batchNumber++;
        batchNanos = System.nanoTime();
        MemorySegment segment = batch.segment();
        for (int slot = 0; slot < count; slot++) {
            receive(segment, batch.packetOffset(slot), batch.length(slot), batch.remoteAddress(slot));
        }
        for (int i = 0; i < touchedCount; i++) {
            Tunnel tunnel = touched[i];
            touched[i] = null;
            if (tunnel.acks.isOwed()) {
                sender.schedule(tunnel);
            }
        }
        touchedCount = 0;
        sender.wakeUpIfScheduled();
    }

    private void receive(MemorySegment segment, long offset, int length, int remoteAddress) {
        counters.add(DataPlane.GRE_RECEIVED_PACKETS, 1);
        counters.add(DataPlane.GRE_RECEIVED_BYTES, length);
        if (!header.parse(segment, offset, length)) {
            drop(greDrop(header.lastDropReason()));
            return;
        }
        Tunnel tunnel = tunnels.byCallId(header.callId());
        if (tunnel == null || tunnel.closed) {
            drop(Drop.GRE_UNKNOWN_CALL_ID);
            return;
        }
        if (remoteAddress != tunnel.spec.peerAddress()) {
            drop(Drop.GRE_SOURCE_MISMATCH); // RFC 2637 §4.1: the Call ID is only unique per peer
            return;
        }
        tunnel.counters.set(Tunnel.LAST_RECEIVE_NANOS, batchNanos);
        if (header.hasAcknowledgmentNumber()) {
            tunnel.window.acknowledge(header.acknowledgmentNumber());
        }
        if (!header.hasSequenceNumber()) {
            return; // an acknowledgement alone
        }
        touch(tunnel);
        ReorderBuffer.Outcome outcome =
                tunnel.reorder.offer(header.sequenceNumber(), segment, header.payloadOffset(), header.payloadLength());
        switch (outcome) {
            case DELIVERED -> {}
            case HELD -> hold(tunnel);
            case LATE -> drop(Drop.GRE_LATE);
            case TOO_FAR_AHEAD -> drop(Drop.GRE_TOO_FAR_AHEAD);
        }
    }

    private void deliver(Tunnel tunnel, MemorySegment segment, long offset, int length) {
        if (tunnel.early != null && tunnel.link != null) {
            deliverEarly(tunnel);
        }
        if (!frame.parse(segment, offset, length)) {
            drop(pppDrop(frame.dropReason()));
            return;
        }
        int protocol = frame.protocol();
        long information = frame.informationOffset();
        int informationLength = frame.informationLength();
        switch (protocol) {
            case IPV4 -> deliverPlain(tunnel, segment, information, informationLength);
            case MPPE -> deliverEncrypted(tunnel, segment, information, informationLength);
            default ->
                tunnel.control.receiveControl(
                        protocol,
                        segment.asSlice(information, informationLength).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    private void deliverPlain(Tunnel tunnel, MemorySegment segment, long offset, int length) {
        TunnelLink link = tunnel.link;
        if (link == null) {
            stash(tunnel, IPV4, segment, offset, length);
        } else if (link.encrypted()) {
            drop(Drop.PPP_UNENCRYPTED_REFUSED); // RFC 3078 §1: once MPPE is open, plaintext IP is not accepted
        } else {
            writeToTun(tunnel, link, segment, offset, length);
        }
    }

    private void deliverEncrypted(Tunnel tunnel, MemorySegment segment, long offset, int length) {
        TunnelLink link = tunnel.link;
        if (link == null) {
            stash(tunnel, MPPE, segment, offset, length);
            return;
        }
        if (!link.encrypted()) {
            drop(Drop.PPP_LINK_NOT_UP);
            return;
        }
        MppeCipher cipher = link.receiveCipher();
        DecryptResult result = cipher.decrypt(segment, offset, length);
        if (result != DecryptResult.OK) {
            decryptFailed(tunnel, result);
            return;
        }
        // MPPE has no integrity check: a forged, tampered or wrongly keyed packet decrypts to garbage, which must
        // neither reach the kernel nor, in stateless mode, leave the keys moved to its coherency count. IPv4 is the
        // one protocol we carry inside MPPE, and its header checksum tells garbage apart.
        int information = ipv4Information(segment, offset, length);
        while (information < 0) {
            if (!cipher.decryptAgainWithNextKey(segment, offset, length)) {
                drop(Drop.MPPE_GARBLED); // one drop, one count: what the cipher does next is not a second drop
                if (cipher.reportGarbled() == DecryptResult.RESYNC_NEEDED) {
                    requestReset(tunnel);
                }
                return;
            }
            information = ipv4Information(segment, offset, length);
        }
        writeToTun(tunnel, link, segment, offset + information, length - information);
    }

    /**
     * Where the IPv4 packet inside a decrypted MPPE packet starts, relative to {@code offset}, or -1 if the plaintext
     * is not protocol 0x0021 with a valid IPv4 header. The protocol may be compressed to its one odd octet (RFC 1661
     * §6.5).
     */
    private static int ipv4Information(MemorySegment segment, long offset, int length) {
        long plaintext = offset + MppeHeader.LENGTH;
        int first = segment.get(ValueLayout.JAVA_BYTE, plaintext) & 0xFF;
        int protocolLength = (first & 1) == 1 ? 1 : 2;
        int informationLength = length - MppeHeader.LENGTH - protocolLength;
        int protocol = protocolLength == 1 || informationLength < 0 ? first : segment.get(SHORT_BE, plaintext) & 0xFFFF;
        long information = plaintext + protocolLength;
        return protocol == IPV4 && isIpv4Header(segment, information, informationLength)
                ? MppeHeader.LENGTH + protocolLength
                : -1;
    }

    /**
     * RFC 791 §3.1: version 4, a header of at least five words within the packet, a total length no longer than the
     * packet, and a header checksum (RFC 1071) that sums to all ones. Random bytes pass with a chance below 2^-20.
     */
    static boolean isIpv4Header(MemorySegment segment, long offset, int length) {
        if (length < 20) {
            return false;
        }
        int versionAndLength = segment.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
        int headerLength = (versionAndLength & 0x0F) * 4;
        int totalLength = segment.get(SHORT_BE, offset + 2) & 0xFFFF;
        if (versionAndLength >>> 4 != 4 || headerLength < 20 || totalLength < headerLength || totalLength > length) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < headerLength; i += 2) {
            sum += segment.get(SHORT_BE, offset + i) & 0xFFFF;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum == 0xFFFF;
    }

    private void decryptFailed(Tunnel tunnel, DecryptResult result) {
        switch (result) {
            case OK -> {}
            case MALFORMED -> drop(Drop.MPPE_MALFORMED);
            case NOT_ENCRYPTED -> drop(Drop.MPPE_NOT_ENCRYPTED);
            case COMPRESSED -> drop(Drop.MPPE_COMPRESSED);
            case LATE -> drop(Drop.MPPE_LATE);
            case DROPPED_AWAITING_FLUSH -> {
                drop(Drop.MPPE_AWAITING_FLUSH);
                if (batchNanos - tunnel.lastResetRequestNanos > RESET_REQUEST_RETRY_NANOS) {
                    requestReset(tunnel); // our Reset-Request or the flushed packet was lost: ask again
                }
            }
            case RESYNC_NEEDED -> {
                drop(Drop.MPPE_AWAITING_FLUSH);
                requestReset(tunnel);
            }
        }
    }

    private void requestReset(Tunnel tunnel) {
        tunnel.lastResetRequestNanos = batchNanos;
        counters.add(DataPlane.MPPE_RESYNCS, 1);
        tunnel.control.requestCcpReset();
    }

    private void writeToTun(Tunnel tunnel, TunnelLink link, MemorySegment segment, long offset, int length) {
        if (length < 20 || (segment.get(ValueLayout.JAVA_BYTE, offset) & 0xF0) != 0x40) {
            drop(Drop.IP_MALFORMED);
            return;
        }
        // Anti-spoofing: a client may only send from the address IPCP gave it.
        if (server && segment.get(INT_BE, offset + 12) != link.tunnelAddress()) {
            drop(Drop.IP_SPOOFED_SOURCE);
            return;
        }
        int written = tun.write(segment, offset, length);
        if (written < 0) {
            drop(Drop.TUN_WRITE_FAILED);
            return;
        }
        tunnel.counters.add(Tunnel.RECEIVED_PACKETS, 1);
        tunnel.counters.add(Tunnel.RECEIVED_BYTES, length);
    }

    /**
     * Data that arrives before the event loop has published the link: the peer opened its side as soon as it sent
     * its last Configure-Ack, which we received just before this packet but handed to the event loop. Kept, in
     * order and bounded, until the link is up, instead of losing a client's first packets.
     */
    private void stash(Tunnel tunnel, int protocol, MemorySegment segment, long offset, int length) {
        if (tunnel.early == null) {
            tunnel.early = new ArrayDeque<>();
            waitingForLink.add(tunnel);
        }
        if (tunnel.early.size() >= EARLY_FRAMES || length > scratch.byteSize() - 2) {
            drop(Drop.PPP_LINK_NOT_UP);
            return;
        }
        byte[] copy = new byte[2 + length];
        copy[0] = (byte) (protocol >> 8);
        copy[1] = (byte) protocol;
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, copy, 2, length);
        tunnel.early.add(copy);
    }

    private void deliverEarly(Tunnel tunnel) {
        byte[] copy;
        while ((copy = tunnel.early.poll()) != null) {
            int length = copy.length - 2;
            MemorySegment.copy(copy, 2, scratch, ValueLayout.JAVA_BYTE, 0, length);
            if (copy[1] == (byte) IPV4) {
                deliverPlain(tunnel, scratch, 0, length);
            } else {
                deliverEncrypted(tunnel, scratch, 0, length);
            }
        }
        tunnel.early = null;
        waitingForLink.remove(tunnel);
    }

    private void deliverEarlyWhereLinksCameUp() {
        for (int i = waitingForLink.size() - 1; i >= 0; i--) {
            Tunnel tunnel = waitingForLink.get(i);
            if (tunnel.closed) {
                tunnel.early = null;
                waitingForLink.remove(i);
            } else if (tunnel.link != null) {
                deliverEarly(tunnel);
            }
        }
    }

    private void touch(Tunnel tunnel) {
        if (tunnel.touchedInBatch != batchNumber) {
            tunnel.touchedInBatch = batchNumber;
            touched[touchedCount++] = tunnel;
        }
    }

    private void hold(Tunnel tunnel) {
        if (!tunnel.holdingPackets) {
            tunnel.holdingPackets = true;
            holding.add(tunnel);
        }
    }

    private long nextReorderWait() {
        long next = Long.MAX_VALUE;
        for (Tunnel tunnel : holding) {
            next = Math.min(next, tunnel.reorder.nextDeadline());
        }
        return next == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, next - System.nanoTime());
    }

    private void releaseExpired() {
        if (holding.isEmpty()) {
            return;
        }
        boolean owed = false;
        for (int i = holding.size() - 1; i >= 0; i--) {
            Tunnel tunnel = holding.get(i);
            if (tunnel.closed) {
                tunnel.reorder.reset(); // gives its slots back to the shared pool
            } else {
                tunnel.reorder.releaseExpired();
            }
            if (tunnel.reorder.heldCount() == 0 || tunnel.closed) {
                tunnel.holdingPackets = false;
                holding.remove(i);
            }
            if (tunnel.acks.isOwed()) {
                sender.schedule(tunnel);
                owed = true;
            }
        }
        if (owed) {
            sender.wakeUpIfScheduled();
        }
    }

    private void drop(Drop reason) {
        counters.add(DataPlane.DROPS + reason.ordinal(), 1);
    }

    private static Drop greDrop(DropReason reason) {
        return switch (reason) {
            case TRUNCATED -> Drop.GRE_TRUNCATED;
            case BAD_VERSION -> Drop.GRE_BAD_VERSION;
            case BAD_PROTOCOL -> Drop.GRE_BAD_PROTOCOL;
            case KEY_ABSENT -> Drop.GRE_KEY_ABSENT;
            case UNSUPPORTED_FLAGS -> Drop.GRE_UNSUPPORTED_FLAGS;
            case PAYLOAD_BEYOND_PACKET -> Drop.GRE_PAYLOAD_BEYOND_PACKET;
            case PAYLOAD_WITHOUT_SEQUENCE -> Drop.GRE_PAYLOAD_WITHOUT_SEQUENCE;
            case EMPTY -> Drop.GRE_EMPTY;
            case UNKNOWN_CALL_ID -> Drop.GRE_UNKNOWN_CALL_ID;
            case SOURCE_MISMATCH -> Drop.GRE_SOURCE_MISMATCH;
            case LATE -> Drop.GRE_LATE;
            case TOO_FAR_AHEAD -> Drop.GRE_TOO_FAR_AHEAD;
        };
    }

    private static Drop pppDrop(PppFrameView.DropReason reason) {
        return switch (reason) {
            case TRUNCATED -> Drop.PPP_TRUNCATED;
            case BAD_CONTROL_FIELD -> Drop.PPP_BAD_CONTROL_FIELD;
            case INVALID_PROTOCOL -> Drop.PPP_INVALID_PROTOCOL;
        };
    }
}
