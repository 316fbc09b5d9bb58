package io.pptpgw.pptp.server;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;

/**
 * What the session layer learns about a call when it is asked to admit it: where the client is, which of our
 * addresses it reached, and the GRE parameters of its Outgoing-Call-Request.
 *
 * @param peerAddress the client's address and TCP port as we see them (after any NAT on the way)
 * @param localAddress our address and port the client connected to; with several WANs it says which one
 * @param peerCallId the client's Call ID: the Key our GRE packets to it carry (RFC 2637 §4.1)
 * @param receiveWindowSize the client's Packet Recv. Window Size: how many unacknowledged packets we may send
 * @param packetProcessingDelay the client's Packet Processing Delay, in 1/10 seconds (RFC 2637 §2.7)
 * @param eventLoop the connection's event loop; the call's control messages are handled on it, and the session's
 *     PPP control may run on it too
 */
public record CallContext(
        InetSocketAddress peerAddress,
        InetSocketAddress localAddress,
        int peerCallId,
        int receiveWindowSize,
        int packetProcessingDelay,
        EventLoop eventLoop) {
    public CallContext {
        if (peerAddress == null || localAddress == null || eventLoop == null) {
            throw new IllegalArgumentException("peerAddress, localAddress and eventLoop are required");
        }
    }
}
