package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.unsigned8;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.3: either peer asks to close the control connection; every call on it is cleared implicitly.
 *
 * <pre>
 *  (12-octet header, Control Message Type 3)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Reason     |   Reserved1   |           Reserved2           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record StopControlConnectionRequest(Reason reason) implements ControlMessage {
    public StopControlConnectionRequest {
        if (reason == null) {
            throw new IllegalArgumentException("reason is required");
        }
    }

    /** RFC 2637 §2.3 Reason; a value the RFC does not define is kept as sent. */
    public sealed interface Reason permits Reason.Known, Reason.Unknown {
        int code();

        static Reason fromCode(int code) {
            Known known = WireFields.known(Known.values(), Known::code, code);
            return known != null ? known : new Unknown(code);
        }

        enum Known implements Reason {
            /** General request to clear the control connection. */
            NONE(1, "None"),
            /** Can't support the peer's version of the protocol. */
            STOP_PROTOCOL(2, "Stop-Protocol"),
            /** The requester is being shut down. */
            STOP_LOCAL_SHUTDOWN(3, "Stop-Local-Shutdown");

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

        record Unknown(int code) implements Reason {
            public Unknown {
                unsigned8("reason", code);
                if (WireFields.known(Known.values(), Known::code, code) instanceof Known known) {
                    throw new IllegalArgumentException("reason " + code + " is known as " + known.name());
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
        return MessageType.STOP_CONTROL_CONNECTION_REQUEST;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeByte(reason.code()).writeByte(0).writeShort(0);
    }

    static StopControlConnectionRequest readBody(FieldReader in) {
        Reason reason = Reason.fromCode(in.unsigned8());
        in.reserved8("Reserved1");
        in.reserved16("Reserved2");
        return new StopControlConnectionRequest(reason);
    }

    @Override
    public String toString() {
        return new LogLine(type()).field("Reason", reason).toString();
    }
}
