package io.pptpgw.ppp;

/** Where a PPP layer sends its control packets; the link frames them for the wire (RFC 1661 §2). */
@FunctionalInterface
public interface ControlPacketSink {
    /**
     * @param protocol the PPP protocol number, e.g. 0xC021 for LCP (RFC 1661 §2)
     */
    void send(int protocol, ControlPacket packet);
}
