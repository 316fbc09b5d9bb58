package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.ascii;
import static io.pptpgw.pptp.control.WireFields.unsigned16;
import static io.pptpgw.pptp.control.WireFields.unsigned8;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.13: the PAC tells the PNS that a call is disconnected, after a Call-Clear-Request or for any other
 * reason. {@code callId} is the PAC's Call ID.
 *
 * <pre>
 *  (12-octet header, Control Message Type 13)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Call ID            |  Result Code  |  Error Code   |
 *  |          Cause Code           |           Reserved1           |
 *  |                 Call Statistics (128 octets)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CallDisconnectNotify(
        int callId, ResultCode resultCode, GeneralError errorCode, int causeCode, String callStatistics)
        implements ControlMessage {
    public CallDisconnectNotify {
        unsigned16("callId", callId);
        if (resultCode == null || errorCode == null) {
            throw new IllegalArgumentException("resultCode and errorCode are required");
        }
        unsigned16("causeCode", causeCode);
        ascii("callStatistics", callStatistics, PptpSpec.CALL_STATISTICS_LENGTH);
    }

    /** RFC 2637 §2.13 Result Code; a value the RFC does not define is kept as sent. */
    public sealed interface ResultCode permits ResultCode.Known, ResultCode.Unknown {
        int code();

        static ResultCode fromCode(int code) {
            Known known = WireFields.known(Known.values(), Known::code, code);
            return known != null ? known : new Unknown(code);
        }

        enum Known implements ResultCode {
            /** Call disconnected due to loss of carrier. */
            LOST_CARRIER(1, "Lost-Carrier"),
            GENERAL_ERROR(2, "General-Error"),
            /** Call disconnected for administrative reasons. */
            ADMIN_SHUTDOWN(3, "Admin-Shutdown"),
            /** Call disconnected because a Call-Clear-Request was received. */
            REQUEST(4, "Request");

            private final int code;
            private final String rfcName;

            Known(int code, String rfcName) {
                this.code = code;
                this.rfcName = rfcName;
            }

            @Override
            public int code() {
                return code;
            }

            @Override
            public String toString() {
                return rfcName;
            }
        }

        record Unknown(int code) implements ResultCode {
            public Unknown {
                unsigned8("result code", code);
                if (WireFields.known(Known.values(), Known::code, code) instanceof Known known) {
                    throw new IllegalArgumentException("result code " + code + " is known as " + known.name());
                }
            }

            @Override
            public String toString() {
                return code + " (unknown)";
            }
        }
    }

    @Override
    public MessageType type() {
        return MessageType.CALL_DISCONNECT_NOTIFY;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeShort(callId).writeByte(resultCode.code()).writeByte(errorCode.code());
        out.writeShort(causeCode).writeShort(0);
        WireFields.writeAscii(out, callStatistics, PptpSpec.CALL_STATISTICS_LENGTH);
    }

    static CallDisconnectNotify readBody(FieldReader in) {
        int callId = in.unsigned16();
        ResultCode resultCode = ResultCode.fromCode(in.unsigned8());
        GeneralError errorCode = GeneralError.fromCode(in.unsigned8());
        int causeCode = in.unsigned16();
        in.reserved16("Reserved1");
        return new CallDisconnectNotify(
                callId, resultCode, errorCode, causeCode, in.ascii(PptpSpec.CALL_STATISTICS_LENGTH));
    }

    @Override
    public String toString() {
        return new LogLine(type())
                .hex("Call-ID", callId)
                .field("Result", resultCode)
                .field("Error", errorCode)
                .field("Cause", causeCode)
                .quoted("Call-Statistics", callStatistics)
                .toString();
    }
}
