package io.pptpgw.ppp.fsm;

/**
 * The actions of RFC 1661 §4.4 that reach outside the automaton. Initialize-Restart-Count (irc) and
 * Zero-Restart-Count (zrc) are not here: the restart counter is the automaton's own state. Actions run before the
 * automaton enters its next state.
 */
public interface Actions {
    /** tlu: the layer is up; the upper layer may start (LCP: authentication; an NCP: its network protocol). */
    void thisLayerUp();

    /** tld: the layer leaves Opened. */
    void thisLayerDown();

    /** tls: the layer needs its lower layer. */
    void thisLayerStarted();

    /** tlf: the layer no longer needs its lower layer. */
    void thisLayerFinished();

    /** scr */
    void sendConfigureRequest();

    /** sca: answer the Configure-Request just received. */
    void sendConfigureAck();

    /** scn: a Configure-Nak or Configure-Reject of the Configure-Request just received. */
    void sendConfigureNak();

    /** str */
    void sendTerminateRequest();

    /** sta: answers the packet just received. */
    void sendTerminateAck();

    /** scj: a Code-Reject of the packet just received. */
    void sendCodeReject();

    /** ser: an Echo-Reply if the packet just received is an Echo-Request. */
    void sendEchoReply();
}
