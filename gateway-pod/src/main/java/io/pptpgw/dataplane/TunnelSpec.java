package io.pptpgw.dataplane;

/**
 * Who a tunnel talks to, fixed when the call is placed: our and the peer's Call ID (RFC 2637 §2.7-2.8), the peer's
 * IPv4 address, the local address it dialled (our GRE leaves from it, so replies follow the WAN the client chose),
 * the fwmark of that WAN (0 for none), and the peer's receive window and processing delay.
 */
public record TunnelSpec(
        int localCallId,
        int peerCallId,
        int peerAddress,
        int localAddress,
        int mark,
        int peerReceiveWindow,
        int peerProcessingDelayMillis) {
    public TunnelSpec {
        if (localCallId < 0 || localCallId > 0xFFFF || peerCallId < 0 || peerCallId > 0xFFFF) {
            throw new IllegalArgumentException(
                    "call ids " + localCallId + " and " + peerCallId + " must be 16-bit unsigned values");
        }
        if (peerReceiveWindow < 1 || peerReceiveWindow > 0xFFFF) {
            throw new IllegalArgumentException("peer receive window " + peerReceiveWindow + " is outside 1..65535");
        }
    }
}
