package io.pptpgw.pptp.server;

import io.pptpgw.pptp.control.MalformedControlMessage;
import java.net.InetSocketAddress;

/**
 * What the control channel reports for metrics. Methods are called from every connection's event loop at once, so
 * implementations must be thread-safe and quick. Every method does nothing unless overridden.
 */
public interface ControlConnectionObserver {
    ControlConnectionObserver NONE = new ControlConnectionObserver() {};

    default void connectionOpened(InetSocketAddress peer) {}

    /** A connection was refused at accept because its source address already holds the most it may. */
    default void connectionRejected(InetSocketAddress peer) {}

    default void connectionClosed(InetSocketAddress peer, CloseReason reason) {}

    /** A received frame was dropped as malformed. */
    default void malformedMessage(MalformedControlMessage.Reason reason) {}

    default void echoTimedOut(InetSocketAddress peer) {}

    default void callAdmitted() {}

    default void callRefused(Admission.RefusalReason reason) {}
}
