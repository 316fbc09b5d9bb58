package io.pptpgw.observability;

import io.pptpgw.gre.PacketBatch;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.sys.NetworkNamespace;
import io.pptpgw.sys.RawGreSocket;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Enhanced GRE packets (RFC 2637 §4.1) written by hand and sent from a raw socket inside a namespace, for tests
 * that need the gateway to see exactly these packets and no others.
 */
final class CraftedGre {
    /** Flags and version of a data packet: Key and Sequence Number present, version 1. */
    static final int DATA = 0x3001;
    /** The same with version 0 (plain GRE, RFC 2784), which PPTP's GRE is not. */
    static final int VERSION_0 = 0x3000;

    private static final int PPP = 0x880B;
    /** An LCP Echo-Request (id 1, no magic) in a PPP frame: any payload would do, the header is what is judged. */
    private static final byte[] PAYLOAD = {(byte) 0xFF, 0x03, (byte) 0xC0, 0x21, 0x09, 0x01, 0x00, 0x08, 0, 0, 0, 0};

    private CraftedGre() {}

    /** A GRE packet with these flags, Call ID and sequence number around {@link #PAYLOAD}. */
    static byte[] packet(int flags, int callId, int sequence) {
        return ByteBuffer.allocate(12 + PAYLOAD.length)
                .putShort((short) flags)
                .putShort((short) PPP)
                .putShort((short) PAYLOAD.length)
                .putShort((short) callId)
                .putInt(sequence)
                .put(PAYLOAD)
                .array();
    }

    /** Sends every packet to {@code destination} from a raw GRE socket opened inside {@code namespace}. */
    static void send(String namespace, String destination, List<byte[]> packets) throws Exception {
        int address = Ipv4Address.parse(destination).bits();
        try (NetworkNamespace inside = NetworkNamespace.named(namespace)) {
            inside.call(() -> {
                try (RawGreSocket socket = RawGreSocket.open(RawGreSocket.Options.DEFAULTS);
                        PacketBatch batch = new PacketBatch(packets.size(), 2048)) {
                    for (int i = 0; i < packets.size(); i++) {
                        byte[] packet = packets.get(i);
                        MemorySegment.copy(
                                packet, 0, batch.segment(), ValueLayout.JAVA_BYTE, batch.slotOffset(i), packet.length);
                        batch.set(i, 0, packet.length, address, 0, 0);
                    }
                    batch.count(packets.size());
                    int sent = 0;
                    while (sent < packets.size()) {
                        int now = socket.send(batch, sent);
                        if (now < 0) {
                            throw new IllegalStateException("raw GRE send failed: errno " + -now);
                        }
                        sent = now;
                    }
                    for (int i = 0; i < packets.size(); i++) {
                        if (batch.status(i) != 0) {
                            throw new IllegalStateException(
                                    "raw GRE packet " + i + " refused: errno " + batch.status(i));
                        }
                    }
                }
                return null;
            });
        }
    }
}
