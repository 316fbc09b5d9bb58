package io.pptpgw.ppp.fsm;

import io.pptpgw.ppp.Code;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.PppProtocol;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Control packets logged at DEBUG the way pppd prints them, so our traces line up with a real pppd's:
 * {@code recv [LCP ConfReq id=0x1 <mru 1400> <magic 0x5e1f2a33>]}. Authentication packets show only their code and
 * length: their data may carry secrets.
 */
public final class PacketLog {
    private static final Logger log = LoggerFactory.getLogger(PacketLog.class);
    private static final int MAXIMUM_HEX_BYTES = 32;

    private PacketLog() {}

    public static void received(int protocol, ControlPacket packet, Function<byte[], String> options) {
        if (log.isDebugEnabled()) {
            log.debug("recv [{}]", describe(protocol, packet, options));
        }
    }

    public static void sent(int protocol, ControlPacket packet, Function<byte[], String> options) {
        if (log.isDebugEnabled()) {
            log.debug("sent [{}]", describe(protocol, packet, options));
        }
    }

    /** The text between the brackets; {@code options} describes an Options field. */
    public static String describe(int protocol, ControlPacket packet, Function<byte[], String> options) {
        String name = PppProtocol.nameOf(protocol);
        String head =
                name + " " + codeName(protocol, packet.code()) + " id=0x" + Integer.toHexString(packet.identifier());
        if (protocol == PppProtocol.PAP.number() || protocol == PppProtocol.CHAP.number()) {
            return head + " len=" + packet.length();
        }
        String body = body(packet, options);
        return body.isEmpty() ? head : head + " " + body;
    }

    private static String codeName(int protocol, int code) {
        if (protocol == PppProtocol.CHAP.number() && code >= 1 && code <= 4) {
            return new String[] {"Challenge", "Response", "Success", "Failure"}[code - 1];
        }
        if (protocol == PppProtocol.PAP.number() && code >= 1 && code <= 3) {
            return new String[] {"AuthReq", "AuthAck", "AuthNak"}[code - 1];
        }
        return Code.fromNumber(code).map(Code::abbreviation).orElse("code=0x" + Integer.toHexString(code));
    }

    private static String body(ControlPacket packet, Function<byte[], String> options) {
        byte[] data = packet.data();
        Code code = Code.fromNumber(packet.code()).orElse(null);
        if (code == null) {
            return hex(data);
        }
        return switch (code) {
            case CONFIGURE_REQUEST, CONFIGURE_ACK, CONFIGURE_NAK, CONFIGURE_REJECT -> options.apply(data);
            case TERMINATE_REQUEST, TERMINATE_ACK -> data.length == 0 ? "" : text(data, 0);
            case PROTOCOL_REJECT -> data.length < 2 ? hex(data) : "proto=" + PppProtocol.nameOf(unsigned16(data, 0));
            case ECHO_REQUEST, ECHO_REPLY, DISCARD_REQUEST -> magic(data);
            case IDENTIFICATION -> data.length < 4 ? hex(data) : magic(data) + " " + text(data, 4);
            case CODE_REJECT, TIME_REMAINING, RESET_REQUEST, RESET_ACK -> hex(data);
        };
    }

    private static String magic(byte[] data) {
        if (data.length < 4) {
            return hex(data);
        }
        long magic = ((long) unsigned16(data, 0) << 16) | unsigned16(data, 2);
        return String.format("magic=0x%08x", magic) + (data.length > 4 ? " len=" + (data.length - 4) : "");
    }

    private static String text(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] < 0x20 || data[i] > 0x7E) {
                return hex(data);
            }
        }
        return "\"" + new String(data, from, data.length - from, StandardCharsets.US_ASCII) + "\"";
    }

    private static String hex(byte[] data) {
        int shown = Math.min(data.length, MAXIMUM_HEX_BYTES);
        return HexFormat.ofDelimiter(" ").formatHex(data, 0, shown) + (shown < data.length ? " ..." : "");
    }

    private static int unsigned16(byte[] data, int offset) {
        return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
    }
}
