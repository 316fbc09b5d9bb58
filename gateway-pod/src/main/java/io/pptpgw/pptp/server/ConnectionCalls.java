package io.pptpgw.pptp.server;

import io.pptpgw.pptp.control.CallClearRequest;
import io.pptpgw.pptp.control.CallDisconnectNotify;
import io.pptpgw.pptp.control.GeneralError;
import io.pptpgw.pptp.control.OutgoingCallReply;
import io.pptpgw.pptp.control.OutgoingCallRequest;
import io.pptpgw.pptp.server.Admission.Accepted;
import io.pptpgw.pptp.server.Admission.RefusalReason;
import io.pptpgw.pptp.server.Admission.Refused;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one control connection, as RFC 2637 §3.2.4.1 has the PAC handle outgoing calls: admission through
 * {@link CallSessions}, Call-Clear-Request and local disconnects answered with Call-Disconnect-Notify, and every call
 * ended when the connection goes. Only the connection's event loop touches it.
 */
final class ConnectionCalls {
    private static final Logger log = LoggerFactory.getLogger(ConnectionCalls.class);

    private final ControlConnectionHandler connection;
    private final CallSessions sessions;
    private final CallIds callIds;
    private final ControlConnectionObserver observer;
    private final int receiveWindowSize;
    private final Map<Integer, Call> byPeerCallId = new HashMap<>();

    ConnectionCalls(
            ControlConnectionHandler connection,
            CallSessions sessions,
            CallIds callIds,
            ControlConnectionObserver observer,
            int receiveWindowSize) {
        this.connection = connection;
        this.sessions = sessions;
        this.callIds = callIds;
        this.observer = observer;
        this.receiveWindowSize = receiveWindowSize;
    }

    /** RFC 2637 §2.7, §2.8: admit the call through the session layer and answer with an Outgoing-Call-Reply. */
    void receiveOutgoingCallRequest(OutgoingCallRequest request, CallContext context) {
        if (byPeerCallId.containsKey(request.callId())) {
            refuse(
                    request,
                    RefusalReason.PEER_CALL_ID_IN_USE,
                    "the client's Call ID 0x" + Integer.toHexString(request.callId())
                            + " already names a call on this connection");
            return;
        }
        switch (admit(context, request)) {
            case Accepted accepted -> establish(accepted.localCallId(), context, request);
            case Refused refused -> refuse(request, refused.reason(), refused.detail());
        }
    }

    /** RFC 2637 §2.8: a refusal carries Call ID 0, the request's Call ID, and the reason's codes. */
    void refuse(OutgoingCallRequest request, RefusalReason reason, String detail) {
        log.info(
                "refused call 0x{} from {}: {} ({})",
                Integer.toHexString(request.callId()),
                connection.peerAddress(),
                detail,
                reason.label());
        observer.callRefused(reason);
        connection.send(
                new OutgoingCallReply(0, request.callId(), reason.resultCode(), reason.errorCode(), 0, 0, 0, 0, 0));
    }

    /** RFC 2637 §2.12: the Call ID names the client's side of the call. Unknown IDs may race with our own notify. */
    void receiveCallClearRequest(CallClearRequest request) {
        Call call = byPeerCallId.get(request.callId());
        if (call == null) {
            log.debug(
                    "ignoring Call-Clear-Request for unknown Call ID 0x{} from {}",
                    Integer.toHexString(request.callId()),
                    connection.peerAddress());
            return;
        }
        end(call, CallDisconnectNotify.ResultCode.Known.REQUEST, 0, Call.EndCause.CALL_CLEAR_REQUEST);
    }

    void disconnect(Call call, CallDisconnectNotify.ResultCode.Known result, int causeCode, String reason) {
        if (call.state() == CallState.ESTABLISHED) {
            log.info("disconnecting {}: {}", call, reason);
            end(call, result, causeCode, Call.EndCause.LOCAL_DISCONNECT);
        }
    }

    /** The connection is going: a stop clears every call implicitly (RFC 2637 §2.3), so no notify is sent. */
    void endAll(Call.EndCause cause) {
        for (Call call : new ArrayList<>(byPeerCallId.values())) {
            finish(call, cause);
        }
    }

    boolean hasLocalCallId(int localCallId) {
        return byPeerCallId.values().stream().anyMatch(call -> call.localCallId() == localCallId);
    }

    int size() {
        return byPeerCallId.size();
    }

    void later(Runnable task) {
        connection.later(task);
    }

    void stopConnection(String reason) {
        connection.stop(CloseReason.SESSION_LAYER, reason);
    }

    private Admission admit(CallContext context, OutgoingCallRequest request) {
        try {
            Admission admission = sessions.admit(context, request);
            if (admission instanceof Accepted(int id) && (!callIds.isActive(id) || hasLocalCallId(id))) {
                return new Refused(
                        RefusalReason.SESSION_LAYER_ERROR,
                        "the session layer accepted Call ID 0x" + Integer.toHexString(id)
                                + ", which CallIds did not allocate");
            }
            return admission == null
                    ? new Refused(RefusalReason.SESSION_LAYER_ERROR, "admit returned null")
                    : admission;
        } catch (RuntimeException e) {
            log.error(
                    "admitting call 0x{} from {} failed",
                    Integer.toHexString(request.callId()),
                    connection.peerAddress(),
                    e);
            return new Refused(RefusalReason.SESSION_LAYER_ERROR, "admit failed: " + e);
        }
    }

    /**
     * The session layer takes the call before the Outgoing-Call-Reply goes out, so it is ready for the client's
     * first GRE packet, which the client sends only once it has the reply.
     */
    private void establish(int localCallId, CallContext context, OutgoingCallRequest request) {
        Call call = new Call(localCallId, context, this);
        byPeerCallId.put(request.callId(), call);
        call.state(CallState.ESTABLISHED);
        try {
            sessions.callEstablished(call);
        } catch (RuntimeException e) {
            log.error("the session layer failed to take {}", call, e);
            finish(call, Call.EndCause.LOCAL_DISCONNECT);
            refuse(request, RefusalReason.SESSION_LAYER_ERROR, "callEstablished failed: " + e);
            return;
        }
        // A VPN has no line speed; we report the client's own maximum back as the connect speed.
        connection.send(new OutgoingCallReply(
                localCallId,
                request.callId(),
                OutgoingCallReply.ResultCode.Known.CONNECTED,
                GeneralError.Known.NONE,
                0,
                request.maximumBps(),
                receiveWindowSize,
                0,
                0));
        observer.callAdmitted();
        log.info("established {}", call);
    }

    private void end(Call call, CallDisconnectNotify.ResultCode.Known result, int causeCode, Call.EndCause cause) {
        GeneralError error = result == CallDisconnectNotify.ResultCode.Known.GENERAL_ERROR
                ? GeneralError.Known.PAC_ERROR
                : GeneralError.Known.NONE;
        connection.send(new CallDisconnectNotify(call.localCallId(), result, error, causeCode, ""));
        finish(call, cause);
    }

    private void finish(Call call, Call.EndCause cause) {
        byPeerCallId.remove(call.peerCallId());
        call.state(CallState.IDLE);
        try {
            sessions.callEnded(call, cause);
        } catch (RuntimeException e) {
            log.error("the session layer failed to end {}", call, e);
        } finally {
            callIds.release(call.localCallId());
        }
    }
}
