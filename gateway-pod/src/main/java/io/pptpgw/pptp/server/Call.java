package io.pptpgw.pptp.server;

import io.pptpgw.pptp.control.CallDisconnectNotify;

/**
 * One established outgoing call, the session layer's handle on it. The two actions may be called from any thread,
 * from within {@link CallSessions} callbacks too: they are queued to the connection's event loop and run after
 * whatever it is doing now, so a reply being sent always goes out first.
 */
public final class Call {
    private final int localCallId;
    private final CallContext context;
    private final ConnectionCalls owner;
    private volatile CallState state = CallState.WAIT_CS_ANSWER;

    /** Why a call ended. */
    public enum EndCause {
        /** The client sent Call-Clear-Request; we answered with Call-Disconnect-Notify. */
        CALL_CLEAR_REQUEST,
        /** The session layer disconnected it through {@link #disconnect}. */
        LOCAL_DISCONNECT,
        /** Its control connection was stopped in order, by either side; the stop clears every call. */
        CONTROL_CONNECTION_STOPPED,
        /** Its control connection was lost: closed, timed out, or broken. */
        CONTROL_CONNECTION_LOST
    }

    Call(int localCallId, CallContext context, ConnectionCalls owner) {
        this.localCallId = localCallId;
        this.context = context;
        this.owner = owner;
    }

    /** Our Call ID: the Key of the client's GRE packets to us. */
    public int localCallId() {
        return localCallId;
    }

    /** The client's Call ID: the Key of our GRE packets to it. */
    public int peerCallId() {
        return context.peerCallId();
    }

    public CallContext context() {
        return context;
    }

    public CallState state() {
        return state;
    }

    /**
     * Ends the call from our side (RFC 2637 §2.13): sends Call-Disconnect-Notify with {@code result} and
     * {@code causeCode}, reports {@link EndCause#LOCAL_DISCONNECT} and releases the Call ID. Does nothing when the
     * call has already ended.
     */
    public void disconnect(CallDisconnectNotify.ResultCode.Known result, int causeCode, String reason) {
        owner.later(() -> owner.disconnect(this, result, causeCode, reason));
    }

    /** Stops the whole control connection (Stop-Control-Connection-Request, then close); every call on it ends. */
    public void stopControlConnection(String reason) {
        owner.later(() -> owner.stopConnection(reason));
    }

    void state(CallState state) {
        this.state = state;
    }

    @Override
    public String toString() {
        return "call 0x" + Integer.toHexString(localCallId) + "/0x" + Integer.toHexString(peerCallId()) + " of "
                + context.peerAddress();
    }
}
