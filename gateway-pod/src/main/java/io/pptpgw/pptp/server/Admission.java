package io.pptpgw.pptp.server;

import io.pptpgw.pptp.control.GeneralError;
import io.pptpgw.pptp.control.OutgoingCallReply;
import io.pptpgw.pptp.control.OutgoingCallReply.ResultCode;
import java.util.Locale;

/** The session layer's answer to an Outgoing-Call-Request. */
public sealed interface Admission {
    /** The call may proceed under {@code localCallId}, which the session layer allocated from {@link CallIds}. */
    record Accepted(int localCallId) implements Admission {
        public Accepted {
            if (localCallId < 1 || localCallId > 0xFFFF) {
                throw new IllegalArgumentException("localCallId " + localCallId + " is outside 1..65535");
            }
        }
    }

    /** The call is refused; the client gets an Outgoing-Call-Reply with the reason's result and error codes. */
    record Refused(RefusalReason reason, String detail) implements Admission {
        public Refused {
            if (reason == null || detail == null) {
                throw new IllegalArgumentException("reason and detail are required");
            }
        }
    }

    /** Why a call was refused, and the RFC 2637 §2.8 Result Code and §2.16 Error Code that say so. */
    enum RefusalReason {
        /** The node carries as many sessions as it may. */
        SESSION_LIMIT(ResultCode.Known.GENERAL_ERROR, GeneralError.Known.NO_RESOURCE),
        /** Calls arrive faster than the configured setup rate. */
        SETUP_RATE_LIMIT(ResultCode.Known.GENERAL_ERROR, GeneralError.Known.NO_RESOURCE),
        /** Every Call ID is in use or in quarantine. */
        CALL_IDS_EXHAUSTED(ResultCode.Known.GENERAL_ERROR, GeneralError.Known.NO_RESOURCE),
        /** Policy forbids this caller. */
        NOT_PERMITTED(ResultCode.Known.DO_NOT_ACCEPT, GeneralError.Known.NONE),
        /** The client already has a call with the same Call ID on this connection (decided by the server). */
        PEER_CALL_ID_IN_USE(ResultCode.Known.GENERAL_ERROR, GeneralError.Known.BAD_CALL_ID),
        /** The control connection is not established, or is stopping (decided by the server). */
        NOT_CONNECTED(ResultCode.Known.GENERAL_ERROR, GeneralError.Known.NOT_CONNECTED),
        /** The session layer failed while admitting the call (decided by the server). */
        SESSION_LAYER_ERROR(ResultCode.Known.GENERAL_ERROR, GeneralError.Known.PAC_ERROR);

        private final OutgoingCallReply.ResultCode.Known resultCode;
        private final GeneralError.Known errorCode;

        RefusalReason(OutgoingCallReply.ResultCode.Known resultCode, GeneralError.Known errorCode) {
            this.resultCode = resultCode;
            this.errorCode = errorCode;
        }

        public OutgoingCallReply.ResultCode.Known resultCode() {
            return resultCode;
        }

        public GeneralError.Known errorCode() {
            return errorCode;
        }

        /** The reason as a metric label, e.g. {@code session_limit}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
