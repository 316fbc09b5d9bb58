package io.pptpgw.pptp.server;

import java.util.Locale;

/** Why a control connection ended, as logged and counted. */
public enum CloseReason {
    /** The peer sent Stop-Control-Connection-Request and we replied. */
    PEER_STOPPED,
    /** The TCP connection closed without a Stop-Control-Connection exchange. */
    PEER_CLOSED,
    /** We stopped it because the gateway is shutting down. */
    SHUTDOWN,
    /** The session layer asked us to stop it. */
    SESSION_LAYER,
    /** The peer left Echo-Requests unanswered (RFC 2637 §2.5). */
    ECHO_TIMEOUT,
    /** No Start-Control-Connection-Request arrived in time. */
    START_TIMEOUT,
    /** The peer's protocol version is older than 1.0 (RFC 2637 §3.1.2). */
    UNSUPPORTED_VERSION,
    /** The peer's bytes could not be followed as PPTP control messages. */
    MALFORMED,
    /** The channel failed (reset, write error). */
    IO_ERROR;

    /** The reason as a metric label, e.g. {@code echo_timeout}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
