package io.pptpgw.session;

import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.FailureReason;
import java.time.Duration;

/**
 * What happens to sessions, for metrics and logs. Called from the control event loops, so implementations must be
 * thread-safe and must not block.
 */
public interface SessionObserver {
    SessionObserver NONE = new SessionObserver() {};

    /** A call was admitted and its PPP link started. */
    default void setupStarted() {}

    /** The link carries IP: authentication, IPCP and (when negotiated) MPPE are done. */
    default void sessionUp(Duration setupTime) {}

    /** The link went down before it carried IP; {@code cause} is a metric label such as {@code authentication_failed}. */
    default void setupFailed(String cause, Duration setupTime) {}

    default void authenticationFailed(AuthProtocol method, FailureReason reason) {}

    /** A session that was up has ended; the summary is its accounting record. */
    default void sessionEnded(SessionSummary summary) {}

    /** An LCP Echo-Reply came back after {@code roundTrip}. */
    default void echoRoundTrip(Duration roundTrip) {}
}
