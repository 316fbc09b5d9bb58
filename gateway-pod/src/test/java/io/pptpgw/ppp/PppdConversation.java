package io.pptpgw.ppp;

import io.pptpgw.gre.EnhancedGreHeader;
import io.pptpgw.testing.Vectors;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A captured PPTP call between a real peer and us, as {@link Vectors} of GRE packets named {@code <side>-...}: each
 * packet's enhanced GRE header and PPP frame taken apart with our own views, so tests can replay the peer's side
 * into a {@link PppLink} and compare our answers with what we sent when the real peer accepted them.
 */
final class PppdConversation {

    /** One captured GRE packet: who sent it, its GRE header fields, and its PPP protocol and information field. */
    record Packet(String name, boolean fromPeer, int sequenceNumber, int protocol, byte[] information) {
        boolean isControl() {
            return protocol == PppProtocol.LCP.number()
                    || protocol == PppProtocol.CHAP.number()
                    || protocol == PppProtocol.IPCP.number()
                    || protocol == PppProtocol.CCP.number()
                    || protocol == PppProtocol.IPV6CP.number();
        }
    }

    private PppdConversation() {}

    /** The packets with a PPP payload, in capture order; {@code peer} is the name prefix of the real peer's side. */
    static List<Packet> read(String resource, String peer) {
        List<Packet> packets = new ArrayList<>();
        EnhancedGreHeader header = new EnhancedGreHeader();
        PppFrameView frame = new PppFrameView();
        for (Vectors.Vector vector : Vectors.load(resource).all()) {
            byte[] bytes = vector.bytes();
            MemorySegment segment = MemorySegment.ofArray(bytes);
            if (!header.parse(segment, 0, bytes.length)) {
                throw new IllegalArgumentException(
                        resource + " " + vector.name() + ": not enhanced GRE: " + header.lastDropReason());
            }
            if (header.payloadLength() == 0) {
                continue; // an acknowledgement alone
            }
            int offset = (int) header.payloadOffset();
            if (!frame.parse(bytes, offset, header.payloadLength())) {
                throw new IllegalArgumentException(
                        resource + " " + vector.name() + ": not a PPP frame: " + frame.dropReason());
            }
            int from = (int) frame.informationOffset();
            packets.add(new Packet(
                    vector.name(),
                    vector.name().startsWith(peer + "-"),
                    header.sequenceNumber(),
                    frame.protocol(),
                    Arrays.copyOfRange(bytes, from, from + frame.informationLength())));
        }
        return packets;
    }
}
