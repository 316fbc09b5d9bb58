package io.pptpgw.ppp.lcp;

import io.pptpgw.ppp.fsm.LayerEvents;
import java.time.Duration;

/** What LCP tells the link beyond the automaton's layer events. */
public interface LcpEvents extends LayerEvents {
    /** The peer sent a Protocol-Reject of {@code protocol}, which is not LCP (RFC 1661 §5.7). */
    void protocolRejected(int protocol);

    /** An Echo-Reply answered our last Echo-Request after {@code roundTrip}. */
    void echoRoundTrip(Duration roundTrip);

    /** {@code unanswered} Echo-Requests in a row went unanswered: the peer is taken for dead. */
    void peerNotResponding(int unanswered);

    /** Magic-Number negotiation shows the link is looped back (RFC 1661 §6.4). */
    void loopedBack();
}
