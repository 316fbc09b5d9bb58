package io.pptpgw.client.control;

import io.pptpgw.pptp.control.CallDisconnectNotify;
import io.pptpgw.pptp.control.OutgoingCallReply;
import java.util.concurrent.CompletableFuture;

/**
 * One call we placed, after the server answered it. A refused call ({@link #isConnected()} false) is over at
 * once; a connected one lasts until {@link #clear()}, the server's Call-Disconnect-Notify, or the end of the
 * control connection.
 */
public final class ClientCall {
    private final int callId;
    private final OutgoingCallReply reply;
    private final ClientControlHandler owner;
    private final CompletableFuture<CallDisconnectNotify> disconnected = new CompletableFuture<>();

    ClientCall(int callId, OutgoingCallReply reply, ClientControlHandler owner) {
        this.callId = callId;
        this.reply = reply;
        this.owner = owner;
        if (!isConnected()) {
            disconnected.completeExceptionally(new IllegalStateException("the call was refused: " + reply));
        }
    }

    /** Our Call ID: the Key of the server's GRE packets to us. */
    public int callId() {
        return callId;
    }

    /** The server's Call ID: the Key of our GRE packets to it. */
    public int peerCallId() {
        return reply.callId();
    }

    public OutgoingCallReply reply() {
        return reply;
    }

    /** True when the server answered Connected. */
    public boolean isConnected() {
        return reply.resultCode() == OutgoingCallReply.ResultCode.Known.CONNECTED;
    }

    /** Sends Call-Clear-Request; the future completes with the server's Call-Disconnect-Notify. */
    public CompletableFuture<CallDisconnectNotify> clear() {
        owner.onEventLoop(() -> owner.clear(this));
        return disconnected;
    }

    /**
     * Completes with the server's Call-Disconnect-Notify, or exceptionally when the call was refused or its control
     * connection ended first.
     */
    public CompletableFuture<CallDisconnectNotify> disconnected() {
        return disconnected;
    }

    @Override
    public String toString() {
        return "call 0x" + Integer.toHexString(callId) + "/0x" + Integer.toHexString(peerCallId());
    }
}
