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

    /** The setup-failure cause of a call that ended before its link reported going down. */
    String CALL_ENDED = "call_ended";

    /** Tells every observer, in order. */
    static SessionObserver all(SessionObserver... observers) {
        java.util.List<SessionObserver> list = java.util.List.of(observers);
        return new SessionObserver() {
            @Override
            public void setupStarted() {
                list.forEach(SessionObserver::setupStarted);
            }

            @Override
            public void sessionUp(Duration setupTime) {
                list.forEach(o -> o.sessionUp(setupTime));
            }

            @Override
            public void setupFailed(String cause, Duration setupTime) {
                list.forEach(o -> o.setupFailed(cause, setupTime));
            }

            @Override
            public void authenticationFailed(AuthProtocol method, FailureReason reason) {
                list.forEach(o -> o.authenticationFailed(method, reason));
            }

            @Override
            public void sessionEnded(SessionSummary summary) {
                list.forEach(o -> o.sessionEnded(summary));
            }

            @Override
            public void echoRoundTrip(Duration roundTrip) {
                list.forEach(o -> o.echoRoundTrip(roundTrip));
            }
        };
    }

    /** A call was admitted and its PPP link started. */
    default void setupStarted() {}

    /** The link carries IP: authentication, IPCP and (when negotiated) MPPE are done. */
    default void sessionUp(Duration setupTime) {}

    /**
     * The link went down before it carried IP; {@code cause} is a {@code LinkListener.DownCause} label such as
     * {@code authentication_failed}, or {@link #CALL_ENDED}.
     */
    default void setupFailed(String cause, Duration setupTime) {}

    default void authenticationFailed(AuthProtocol method, FailureReason reason) {}

    /** A session that was up has ended; the summary is its accounting record. */
    default void sessionEnded(SessionSummary summary) {}

    /** An LCP Echo-Reply came back after {@code roundTrip}. */
    default void echoRoundTrip(Duration roundTrip) {}
}
