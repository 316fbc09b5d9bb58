package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.ascii;
import static io.pptpgw.pptp.control.WireFields.unsigned16;
import static io.pptpgw.pptp.control.WireFields.unsigned32;
import static io.pptpgw.pptp.control.WireFields.unsigned8;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.2, the receiver's answer to a Start-Control-Connection-Request.
 *
 * <pre>
 *  (12-octet header, Control Message Type 2)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |       Protocol Version        |  Result Code  |  Error Code   |
 *  |                      Framing Capability                       |
 *  |                       Bearer Capability                       |
 *  |       Maximum Channels        |       Firmware Revision       |
 *  |                    Host Name (64 octets)                      |
 *  |                  Vendor String (64 octets)                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record StartControlConnectionReply(
        int protocolVersion,
        ResultCode resultCode,
        GeneralError errorCode,
        long framingCapability,
        long bearerCapability,
        int maximumChannels,
        int firmwareRevision,
        String hostName,
        String vendorString)
        implements ControlMessage {
    public StartControlConnectionReply {
        unsigned16("protocolVersion", protocolVersion);
        if (resultCode == null || errorCode == null) {
            throw new IllegalArgumentException("resultCode and errorCode are required");
        }
        unsigned32("framingCapability", framingCapability);
        unsigned32("bearerCapability", bearerCapability);
        unsigned16("maximumChannels", maximumChannels);
        unsigned16("firmwareRevision", firmwareRevision);
        ascii("hostName", hostName, PptpSpec.HOST_NAME_LENGTH);
        ascii("vendorString", vendorString, PptpSpec.VENDOR_STRING_LENGTH);
    }

    /** RFC 2637 §2.2 Result Code; a value the RFC does not define is kept as sent. */
    public sealed interface ResultCode permits ResultCode.Known, ResultCode.Unknown {
        int code();

        static ResultCode fromCode(int code) {
            Known known = WireFields.known(Known.values(), Known::code, code);
            return known != null ? known : new Unknown(code);
        }

        enum Known implements ResultCode {
            SUCCESSFUL_CHANNEL_ESTABLISHMENT(1, "Successful"),
            GENERAL_ERROR(2, "General-Error"),
            COMMAND_CHANNEL_ALREADY_EXISTS(3, "Command-Channel-Already-Exists"),
            REQUESTER_NOT_AUTHORIZED(4, "Requester-Not-Authorized"),
            PROTOCOL_VERSION_NOT_SUPPORTED(5, "Protocol-Version-Not-Supported");

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
        return MessageType.START_CONTROL_CONNECTION_REPLY;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeShort(protocolVersion).writeByte(resultCode.code()).writeByte(errorCode.code());
        out.writeInt((int) framingCapability).writeInt((int) bearerCapability);
        out.writeShort(maximumChannels).writeShort(firmwareRevision);
        WireFields.writeAscii(out, hostName, PptpSpec.HOST_NAME_LENGTH);
        WireFields.writeAscii(out, vendorString, PptpSpec.VENDOR_STRING_LENGTH);
    }

    static StartControlConnectionReply readBody(FieldReader in) {
        return new StartControlConnectionReply(
                in.unsigned16(),
                ResultCode.fromCode(in.unsigned8()),
                GeneralError.fromCode(in.unsigned8()),
                in.unsigned32(),
                in.unsigned32(),
                in.unsigned16(),
                in.unsigned16(),
                in.ascii(PptpSpec.HOST_NAME_LENGTH),
                in.ascii(PptpSpec.VENDOR_STRING_LENGTH));
    }

    @Override
    public String toString() {
        return new LogLine(type())
                .hex("Version", protocolVersion)
                .field("Result", resultCode)
                .field("Error", errorCode)
                .hex("Framing-Capability", framingCapability)
                .hex("Bearer-Capability", bearerCapability)
                .field("Maximum-Channels", maximumChannels)
                .hex("Firmware-Revision", firmwareRevision)
                .quoted("Host-Name", hostName)
                .quoted("Vendor", vendorString)
                .toString();
    }
}
