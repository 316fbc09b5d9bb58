package io.pptpgw.ppp;

import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.FailureReason;
import java.time.Duration;

/** What a {@link PppLink} reports, on the thread that drives it. */
public interface LinkListener {
    void authenticationSucceeded(String user, AuthProtocol protocol);

    /** {@code user} is empty when the peer never named itself (e.g. a timeout); {@code message} holds no secret. */
    void authenticationFailed(String user, FailureReason reason, String message);

    /** IP may flow with these parameters; reported at most once per link. */
    void linkUp(NetworkParameters parameters);

    /**
     * The link no longer carries IP, reported exactly once, whether it came up or not. The LCP termination handshake
     * may still be finishing; {@link PppLink#phase()} is DEAD once it has.
     */
    void linkDown(DownCause cause, String reason);

    /** An LCP Echo-Reply came back after {@code roundTrip}. */
    default void echoRoundTrip(Duration roundTrip) {}

    /**
     * The peer sent a CCP Reset-Request, and the link answered it with a Reset-Ack; the data path flushes its MPPE
     * sender (RFC 3078 §8.2) when it sends that Reset-Ack, so nothing is left to do here but count.
     */
    default void ccpResetRequestReceived() {}

    /** A control packet was dropped (malformed, or of a protocol not running now); for a counter. */
    default void controlPacketDropped(int protocol, String reason) {}

    /** Why a link went down; each value is a metric label. */
    enum DownCause {
        /** The peer sent Terminate-Request or otherwise ended LCP. */
        PEER_TERMINATED,
        /** {@link PppLink#close} was called. */
        CLOSED_LOCALLY,
        /** {@link PppLink#lowerLayerDown} was called: the tunnel under PPP is gone. */
        LOWER_LAYER_DOWN,
        /** LCP, IPCP or CCP could not agree, or the peer rejected a protocol we need. */
        NEGOTIATION_FAILED,
        /** The peer would not authenticate with any method we allow. */
        AUTHENTICATION_REFUSED,
        AUTHENTICATION_FAILED,
        /** Encryption is Required and the peer refused MPPE, or no MPPE keys exist. */
        ENCRYPTION_REFUSED,
        /** The address pool had no address for the client. */
        ADDRESS_UNAVAILABLE,
        /** LCP Echo-Requests went unanswered. */
        ECHO_TIMEOUT,
        LOOPED_BACK;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
