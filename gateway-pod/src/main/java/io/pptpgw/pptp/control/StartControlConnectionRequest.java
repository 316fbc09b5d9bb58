package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.WireFields.ascii;
import static io.pptpgw.pptp.control.WireFields.unsigned16;
import static io.pptpgw.pptp.control.WireFields.unsigned32;

import io.netty.buffer.ByteBuf;

/**
 * RFC 2637 §2.1, sent by the originator of a control connection (a VPN client) before any other message.
 *
 * <pre>
 *  (12-octet header: Length, PPTP Message Type, Magic Cookie, Control Message Type 1, Reserved0)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |       Protocol Version        |           Reserved1           |
 *  |                     Framing Capabilities                      |
 *  |                     Bearer Capabilities                       |
 *  |       Maximum Channels        |       Firmware Revision       |
 *  |                    Host Name (64 octets)                      |
 *  |                  Vendor String (64 octets)                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record StartControlConnectionRequest(
        int protocolVersion,
        long framingCapabilities,
        long bearerCapabilities,
        int maximumChannels,
        int firmwareRevision,
        String hostName,
        String vendorString)
        implements ControlMessage {
    public StartControlConnectionRequest {
        unsigned16("protocolVersion", protocolVersion);
        unsigned32("framingCapabilities", framingCapabilities);
        unsigned32("bearerCapabilities", bearerCapabilities);
        unsigned16("maximumChannels", maximumChannels);
        unsigned16("firmwareRevision", firmwareRevision);
        ascii("hostName", hostName, PptpSpec.HOST_NAME_LENGTH);
        ascii("vendorString", vendorString, PptpSpec.VENDOR_STRING_LENGTH);
    }

    @Override
    public MessageType type() {
        return MessageType.START_CONTROL_CONNECTION_REQUEST;
    }

    @Override
    public void writeBody(ByteBuf out) {
        out.writeShort(protocolVersion).writeShort(0);
        out.writeInt((int) framingCapabilities).writeInt((int) bearerCapabilities);
        out.writeShort(maximumChannels).writeShort(firmwareRevision);
        WireFields.writeAscii(out, hostName, PptpSpec.HOST_NAME_LENGTH);
        WireFields.writeAscii(out, vendorString, PptpSpec.VENDOR_STRING_LENGTH);
    }

    static StartControlConnectionRequest readBody(FieldReader in) {
        int protocolVersion = in.unsigned16();
        in.reserved16("Reserved1");
        return new StartControlConnectionRequest(
                protocolVersion,
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
                .hex("Framing-Capabilities", framingCapabilities)
                .hex("Bearer-Capabilities", bearerCapabilities)
                .field("Maximum-Channels", maximumChannels)
                .hex("Firmware-Revision", firmwareRevision)
                .quoted("Host-Name", hostName)
                .quoted("Vendor", vendorString)
                .toString();
    }
}
