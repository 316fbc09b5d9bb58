package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.unsigned8;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.4: the answer to a Stop-Control-Connection-Request; the TCP connection closes after it.
 *
 * <pre>
 *  (12-octet header, Control Message Type 4)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Result Code  |  Error Code   |           Reserved1           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record StopControlConnectionReply(ResultCode resultCode, GeneralError errorCode) implements ControlMessage {
    public StopControlConnectionReply {
        if (resultCode == null || errorCode == null) {
            throw new IllegalArgumentException("resultCode and errorCode are required");
        }
    }

    /** RFC 2637 §2.4 Result Code; a value the RFC does not define is kept as sent. */
    public sealed interface ResultCode permits ResultCode.Known, ResultCode.Unknown {
        int code();

        static ResultCode fromCode(int code) {
            Known known = WireFields.known(Known.values(), Known::code, code);
            return known != null ? known : new Unknown(code);
        }

        enum Known implements ResultCode {
            /** Control connection closed. */
            OK(1, "OK"),
            GENERAL_ERROR(2, "General-Error");

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
        return MessageType.STOP_CONTROL_CONNECTION_REPLY;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeByte(resultCode.code()).writeByte(errorCode.code()).writeShort(0);
    }

    static StopControlConnectionReply readBody(FieldReader in) {
        ResultCode resultCode = ResultCode.fromCode(in.unsigned8());
        GeneralError errorCode = GeneralError.fromCode(in.unsigned8());
        in.reserved16("Reserved1");
        return new StopControlConnectionReply(resultCode, errorCode);
    }

    @Override
    public String toString() {
        return new LogLine(type())
                .field("Result", resultCode)
                .field("Error", errorCode)
                .toString();
    }
}
