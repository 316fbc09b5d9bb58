package io.pptpgw.ppp.auth;

import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketSink;

/**
 * One authentication mechanism verifying the peer on one link (the server's side of RFC 1994, 2759, 1334). It
 * holds the state of one exchange and is driven by the link's control thread only.
 */
public interface Authenticator {
    AuthProtocol protocol();

    /** Called when the link enters the Authenticate phase: CHAP sends its Challenge, PAP waits. */
    void start(ControlPacketSink out);

    /** A packet of {@link #protocol()} arrived; answers go to {@code out}. */
    AuthStep receive(ControlPacket packet, ControlPacketSink out);

    /**
     * The caller's restart timer expired with no answer: CHAP sends its Challenge again, unchanged (RFC 1994 §4.1:
     * Challenges are repeated until a valid Response arrives). The caller counts the retries and gives up with
     * {@link FailureReason#TIMEOUT}.
     */
    default void retransmit(ControlPacketSink out) {}
}
