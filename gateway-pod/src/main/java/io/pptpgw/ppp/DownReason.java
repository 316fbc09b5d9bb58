package io.pptpgw.ppp;

import io.pptpgw.ppp.LinkListener.DownCause;

/**
 * Why a link goes down, decided once: the first cause recorded wins, and the listener hears it exactly once.
 */
final class DownReason {
    private final LinkListener listener;
    private DownCause cause;
    private String reason;
    private boolean reported;

    DownReason(LinkListener listener) {
        this.listener = listener;
    }

    boolean isRecorded() {
        return cause != null;
    }

    /** Keeps {@code cause} and {@code why} unless a reason was recorded before. */
    void record(DownCause cause, String why) {
        if (this.cause == null) {
            this.cause = cause;
            this.reason = why;
        }
    }

    void report() {
        if (!reported) {
            reported = true;
            listener.linkDown(cause, reason);
        }
    }

    /** What the peer reads in our Terminate-Request: nothing that helps guess users or passwords. */
    static String forPeer(DownCause cause, String reason) {
        return switch (cause) {
            case CLOSED_LOCALLY, ENCRYPTION_REFUSED, ECHO_TIMEOUT, LOOPED_BACK -> reason;
            case AUTHENTICATION_FAILED, AUTHENTICATION_REFUSED -> "Authentication failed";
            case ADDRESS_UNAVAILABLE -> "No address available";
            case PEER_TERMINATED, LOWER_LAYER_DOWN, NEGOTIATION_FAILED -> "Negotiation failed";
        };
    }
}
