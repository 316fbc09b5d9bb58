package io.pptpgw.ppp.auth;

import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketSink;

/**
 * One authentication mechanism proving our identity to the peer (the client's side): answers a CHAP Challenge,
 * or sends a PAP Authenticate-Request. Driven by the link's control thread only.
 */
public interface AuthResponder {
    AuthProtocol protocol();

    /** Called when the link enters the Authenticate phase: PAP sends its request, CHAP waits for a Challenge. */
    void start(ControlPacketSink out);

    AuthStep receive(ControlPacket packet, ControlPacketSink out);

    /**
     * The caller's restart timer expired with no answer: PAP sends its Authenticate-Request again with a new
     * Identifier (RFC 1334 §2.2.1); CHAP waits for the authenticator to repeat its Challenge.
     */
    default void retransmit(ControlPacketSink out) {}
}
