package io.pptpgw.pptp.server;

import io.pptpgw.pptp.control.OutgoingCallRequest;

/**
 * The seam between the control channel and the session layer. Every method is called on the call's connection
 * event loop ({@link CallContext#eventLoop()}) and must not block; an exception is logged and treated as a
 * refusal (in {@code admit}) or as a disconnect (in {@code callEstablished}).
 */
public interface CallSessions {
    /**
     * Decides whether a client may open a call, enforcing the session limit and the setup rate. To accept, allocate
     * the call's Call ID from the node's {@link CallIds} and return it; the control connection releases it when the
     * call ends, after {@link #callEnded}.
     */
    Admission admit(CallContext context, OutgoingCallRequest request);

    /**
     * The call is admitted and its Outgoing-Call-Reply (Connected) goes out as soon as this returns: be ready for
     * the client's GRE packets now. {@code call} is the session's handle to disconnect the call or stop its control
     * connection from our side.
     */
    void callEstablished(Call call);

    /** The call is over, for {@code cause}; its Call ID goes into quarantine right after this returns. */
    void callEnded(Call call, Call.EndCause cause);
}
